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

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Lazy;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A record listener that calls the application back over HTTP with a Boot-built
 * {@code WebClient}, and a batch listener that loops over its records.
 * {@code @Lazy(false)}: under {@code spring.main.lazy-initialization=true} a listener
 * bean nobody asks for would never be created, and its listeners never registered; that
 * is the application's concern, not the starter's.
 */
@Component
@Lazy(false)
class HopListeners {

	private final WebClient.Builder webClient;

	private final WebServerApplicationContext context;

	HopListeners(WebClient.Builder webClient, WebServerApplicationContext context) {
		this.webClient = webClient;
		this.context = context;
	}

	@KafkaListener(topics = HopsController.TOPIC, groupId = HopsController.TOPIC + "-records")
	void onRecord(ConsumerRecord<String, String> record) {
		Hop.KAFKA_RECORD.log(record.value());
		this.webClient.baseUrl("http://127.0.0.1:" + this.context.getWebServer().getPort())
			.build()
			.get()
			.uri("/shipping?tag={tag}", record.value())
			.retrieve()
			.bodyToMono(String.class)
			.block();
	}

	@KafkaListener(topics = HopsController.TOPIC, groupId = HopsController.TOPIC + "-batches",
			containerFactory = "batchFactory")
	void onBatch(List<ConsumerRecord<String, String>> records) {
		for (ConsumerRecord<String, String> record : records) {
			Hop.KAFKA_BATCH.log(record.value());
		}
	}

}
