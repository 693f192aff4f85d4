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

package io.tracestarter.compat;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The request path. Written once for both stacks: Spring MVC and WebFlux both serve a
 * {@code Mono} return value.
 */
@RestController
class HopsController {

	/** The topic; {@code compat.topic} gives each of several apps in one JVM its own. */
	static final String TOPIC = "${compat.topic:hops}";

	private final String topic;

	private final Preparation preparation;

	private final KafkaTemplate<Object, Object> kafka;

	HopsController(Preparation preparation, KafkaTemplate<Object, Object> kafka, @Value(TOPIC) String topic) {
		this.preparation = preparation;
		this.topic = topic;
		this.kafka = kafka;
	}

	@GetMapping("/hops")
	Mono<String> hops(@RequestParam String tag) {
		Hop.HTTP_IN.log(tag);
		return Mono.just(tag)
			.publishOn(Schedulers.boundedElastic())
			.doOnNext(Hop.REACTOR::log)
			.flatMap((value) -> Mono.fromFuture(this.preparation.prepare(value)))
			.flatMap((value) -> Mono.fromFuture(this.kafka.send(this.topic, value).thenApply((result) -> {
				Hop.KAFKA_SEND.log(value);
				return value;
			})));
	}

	@GetMapping("/shipping")
	String shipping(@RequestParam String tag) {
		Hop.HTTP_OUT.log(tag);
		return "shipped " + tag;
	}

}
