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

package io.tracestarter.sampling;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.tracestarter.JsonLines;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.util.backoff.FixedBackOff;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One decision per trace id, whatever the timing: requests to {@code /orders/**} are
 * sampled out (rate 0), each sends a Kafka record, and the record and batch listeners run
 * only after every request has ended, on a real broker. Every line of those ids is
 * dropped on every hop; a listener that fails writes its own lines.
 */
@SpringBootTest(classes = SampledOutTraceAcrossKafkaIntegrationTests.App.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet",
				"spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
				"spring.kafka.consumer.auto-offset-reset=earliest", "management.tracing.export.otlp.enabled=false",
				"management.otlp.metrics.export.enabled=false", "trace.sampling.enabled=true",
				"trace.sampling.rules[0].route=/orders/**", "trace.sampling.rules[0].rate=0" })
@EmbeddedKafka(partitions = 1, topics = { "order-events", "order-failures" })
@ExtendWith(OutputCaptureExtension.class)
class SampledOutTraceAcrossKafkaIntegrationTests {

	private static final int ORDERS = 20;

	@LocalServerPort
	private int port;

	@Autowired
	private KafkaListenerEndpointRegistry registry;

	@Autowired
	private App.Listeners listeners;

	@Test
	void everyLineOfASampledOutTraceIsDroppedHoweverLateAndAFailingListenerWritesItsOwn(CapturedOutput output) {
		RestClient client = RestClient.builder().baseUrl("http://127.0.0.1:" + this.port).build();
		for (int i = 0; i < ORDERS; i++) {
			assertThat(client.get()
				.uri("/orders/ok-" + i)
				.header("X-Trace-ID", "sampled-out-" + i)
				.retrieve()
				.body(String.class)).isEqualTo("sent ok-" + i);
		}
		assertThat(client.get()
			.uri("/orders/fail-1")
			.header("X-Trace-ID", "sampled-out-fail")
			.retrieve()
			.body(String.class)).isEqualTo("sent fail-1");
		// Every request has ended before a listener sees its record.
		this.registry.getListenerContainer("late-records").start();
		this.registry.getListenerContainer("late-batches").start();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(this.listeners.records()).hasSize(ORDERS + 1);
			assertThat(this.listeners.batched()).hasSize(ORDERS);
		});
		assertThat(this.listeners.sampledHeaders()).containsOnly("0");
		await().untilAsserted(
				() -> assertThat(linesOf(output, "sampled-out-fail")).extracting((line) -> line.get("message"))
					.contains("record fail-1"));
		for (int i = 0; i < ORDERS; i++) {
			assertThat(linesOf(output, "sampled-out-" + i)).as("lines of sampled-out-" + i).isEmpty();
		}
		// The failing listener writes what it holds: its own lines, not the request's.
		assertThat(linesOf(output, "sampled-out-fail")).extracting((line) -> line.get("message"))
			.containsExactly("record fail-1");
		assertThat(linesOf(output, "sampled-out-fail"))
			.allSatisfy((line) -> assertThat(line).containsEntry("trace_sampling", "error"));
	}

	// INFO lines only: the error handler's own ERROR lines are never held back.
	private static List<Map<String, Object>> linesOf(CapturedOutput output, String traceId) {
		return JsonLines.parse(output)
			.stream()
			.filter((line) -> traceId.equals(line.get("trace_id")) && "INFO".equals(line.get("level")))
			.toList();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ App.Orders.class, App.Listeners.class })
	static class App {

		@Bean
		CommonErrorHandler noRetries() {
			return new DefaultErrorHandler(new FixedBackOff(0, 0));
		}

		@Bean
		ConcurrentKafkaListenerContainerFactory<Object, Object> batchFactory(
				ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
				ConsumerFactory<Object, Object> consumerFactory) {
			ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
			configurer.configure(factory, consumerFactory);
			factory.setBatchListener(true);
			return factory;
		}

		@RestController
		static class Orders {

			private static final Logger logger = LoggerFactory.getLogger(Orders.class);

			private final KafkaTemplate<Object, Object> template;

			Orders(KafkaTemplate<Object, Object> template) {
				this.template = template;
			}

			@GetMapping("/orders/{order}")
			String order(@PathVariable String order) {
				logger.info("order {}", order);
				// A failing order's record goes to the record listener only: a batch
				// listener
				// handling the same trace id at the same time would share its buffer.
				this.template.send(order.startsWith("fail") ? "order-failures" : "order-events", order).join();
				logger.info("order {} sent", order);
				return "sent " + order;
			}

		}

		static class Listeners {

			private static final Logger logger = LoggerFactory.getLogger(Listeners.class);

			final Set<String> records = ConcurrentHashMap.newKeySet();

			final Set<String> batched = ConcurrentHashMap.newKeySet();

			final Set<String> sampledHeaders = ConcurrentHashMap.newKeySet();

			// Read through methods: the bean is a class proxy (its batch listener is
			// traced), whose own fields are empty.
			Set<String> records() {
				return this.records;
			}

			Set<String> batched() {
				return this.batched;
			}

			Set<String> sampledHeaders() {
				return this.sampledHeaders;
			}

			@KafkaListener(id = "late-records", topics = { "order-events", "order-failures" }, groupId = "late-records",
					autoStartup = "false")
			void onRecord(ConsumerRecord<String, String> record) {
				Header sampled = record.headers().lastHeader("X-Trace-Sampled");
				this.sampledHeaders.add((sampled != null) ? new String(sampled.value()) : "none");
				this.records.add(record.value());
				logger.info("record {}", record.value());
				if (record.value().startsWith("fail")) {
					throw new IllegalStateException(record.value() + " cannot be processed");
				}
			}

			@KafkaListener(id = "late-batches", topics = "order-events", groupId = "late-batches",
					containerFactory = "batchFactory", autoStartup = "false")
			void onBatch(List<ConsumerRecord<String, String>> batch) {
				for (ConsumerRecord<String, String> record : batch) {
					logger.info("batch record {}", record.value());
					this.batched.add(record.value());
				}
			}

		}

	}

}
