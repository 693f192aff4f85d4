/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.tracestarter.sample;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sample's one request path: HTTP in, a Reactor hop, an {@code @Async} step that
 * calls the sample's own gRPC server, then a Kafka send; the listeners take it from
 * there.
 */
@RestController
class OrderController {

	static final String TOPIC = "orders";

	private final Preparation preparation;

	private final KafkaTemplate<Object, Object> kafka;

	OrderController(Preparation preparation, KafkaTemplate<Object, Object> kafka) {
		this.preparation = preparation;
		this.kafka = kafka;
	}

	@GetMapping("/orders")
	Mono<String> order(@RequestParam(defaultValue = "book") String item) {
		Hops.log("http", "order received for {}", item);
		return Mono.just(item)
			.publishOn(Schedulers.boundedElastic())
			.doOnNext((value) -> Hops.log("reactor", "order for {} handed to a scheduler thread", value))
			.flatMap((value) -> Mono.fromFuture(this.preparation.prepare(value)))
			.flatMap((reservation) -> Mono.fromFuture(this.kafka.send(TOPIC, reservation).thenApply((result) -> {
				Hops.log("kafka", "order record {} sent to partition {}", reservation,
						result.getRecordMetadata().partition());
				return reservation;
			})));
	}

	@GetMapping("/shipping")
	String shipping(@RequestParam String reservation) {
		Hops.log("http", "shipping booked for {}", reservation);
		return "shipping booked";
	}

}
