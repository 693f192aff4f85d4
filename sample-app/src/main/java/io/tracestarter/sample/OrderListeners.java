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

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A record listener that books shipping with an outbound {@code WebClient} call, and a
 * batch listener that loops over its records.
 */
@Component
public class OrderListeners {

	private final WebClient.Builder webClient;

	private final WebServerApplicationContext context;

	OrderListeners(WebClient.Builder webClient, WebServerApplicationContext context) {
		this.webClient = webClient;
		this.context = context;
	}

	@KafkaListener(id = "order-records", topics = OrderController.TOPIC, groupId = "sample-records")
	public void onOrder(ConsumerRecord<String, String> record) {
		Hops.log("kafka", "record listener got {}", record.value());
		this.webClient.baseUrl("http://127.0.0.1:" + this.context.getWebServer().getPort())
			.build()
			.get()
			.uri("/shipping?reservation={reservation}", record.value())
			.retrieve()
			.bodyToMono(String.class)
			.block();
	}

	@KafkaListener(id = "order-batches", topics = OrderController.TOPIC, groupId = "sample-batches",
			containerFactory = "batchFactory")
	public void onOrders(List<ConsumerRecord<String, String>> records) {
		for (ConsumerRecord<String, String> record : records) {
			Hops.log("kafka", "batch listener got {}", record.value());
		}
	}

}
