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

package io.tracestarter.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tracestarter.JsonLines;
import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceScope;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.annotation.BackOff;
import org.springframework.kafka.annotation.DltHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.RetryableTopic;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.stereotype.Component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kafka observation switched on (Micrometer adds {@code traceparent}) and
 * {@code @RetryableTopic} retry topics with a dead-letter handler.
 */
@SpringBootTest(classes = KafkaObservationAndRetryTopicIntegrationTests.ObservedApplication.class,
		properties = { "spring.main.web-application-type=none",
				"spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
				"spring.kafka.consumer.group-id=observed", "spring.kafka.consumer.auto-offset-reset=earliest",
				"spring.kafka.template.observation-enabled=true", "spring.kafka.listener.observation-enabled=true",
				"management.tracing.sampling.probability=1.0", "management.tracing.export.otlp.enabled=false",
				"management.otlp.metrics.export.enabled=false" })
@EmbeddedKafka(partitions = 1, topics = "observed")
@ExtendWith(OutputCaptureExtension.class)
class KafkaObservationAndRetryTopicIntegrationTests {

	static final Logger logger = LoggerFactory.getLogger(KafkaObservationAndRetryTopicIntegrationTests.class);

	@Autowired
	private KafkaTemplate<Object, Object> template;

	@Test
	void traceparentFlowsOnceBesideTheStartersHeader(CapturedOutput output) {
		try (TraceScope scope = TraceContext.open("obs-1")) {
			this.template.send("observed", "with-id");
		}
		this.template.send("observed", "without-id");
		await().untilAsserted(() -> {
			assertThat(JsonLines.withMessage(output, (message) -> message.startsWith("observed with-id")))
				.singleElement()
				.satisfies((line) -> {
					assertThat(line).containsEntry("trace_id", "obs-1");
					assertThat((String) line.get("message")).contains("traceparents 1").contains("x-trace-ids [obs-1]");
				});
			// Sent with no id of the starter's, under the template's span: the id is the
			// trace-id of the traceparent Micrometer sent, and X-Trace-ID says the same,
			// as the app writes only the starter's lines and so reads the tracer's id.
			assertThat(JsonLines.withMessage(output, (message) -> message.startsWith("observed without-id")))
				.singleElement()
				.satisfies((line) -> {
					String message = (String) line.get("message");
					String traceparent = message.substring(message.indexOf("00-") + 3, message.indexOf("00-") + 35);
					assertThat(message).contains("traceparents 1").contains("x-trace-ids [" + traceparent + "]");
					assertThat(line).containsEntry("trace_id", traceparent);
				});
		});
	}

	@Test
	void everyRetryTopicAttemptAndTheDeadLetterHandlerCarryTheRecordsId(CapturedOutput output) {
		try (TraceScope scope = TraceContext.open("retry-1")) {
			this.template.send("retryable", "r1");
		}
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			List<Map<String, Object>> attempts = JsonLines.withMessage(output,
					(message) -> message.startsWith("retryable attempt r1"));
			assertThat(attempts).hasSize(3).allSatisfy((line) -> assertThat(line).containsEntry("trace_id", "retry-1"));
			// The first attempt on the main topic's container, the retries on the retry
			// topic's.
			assertThat(attempts).extracting((line) -> String.valueOf(line.get("thread")))
				.anyMatch((thread) -> thread.startsWith("retryable-0"))
				.anyMatch((thread) -> thread.startsWith("retryable-retry"));
			assertThat(JsonLines.withMessage(output, "retryable dead letter r1"::equals)).singleElement()
				.satisfies((line) -> assertThat(line).containsEntry("trace_id", "retry-1"));
		});
	}

	@Component
	static class ObservedListeners {

		@KafkaListener(id = "observed", topics = "observed")
		void observed(ConsumerRecord<String, String> record) {
			List<String> traceparents = values(record, "traceparent");
			logger.info("observed {} traceparents {} {} x-trace-ids {}", record.value(), traceparents.size(),
					traceparents, values(record, "X-Trace-ID"));
		}

		@RetryableTopic(attempts = "3", backOff = @BackOff(delay = 50))
		@KafkaListener(id = "retryable", topics = "retryable")
		void retryable(String payload) {
			logger.info("retryable attempt {}", payload);
			throw new IllegalStateException("always fails " + payload);
		}

		@DltHandler
		void deadLetter(String payload) {
			logger.info("retryable dead letter {}", payload);
		}

		private static List<String> values(ConsumerRecord<?, ?> record, String name) {
			List<String> values = new ArrayList<>();
			for (Header header : record.headers().headers(name)) {
				values.add(new String(header.value(), StandardCharsets.UTF_8));
			}
			return values;
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableScheduling
	@Import(ObservedListeners.class)
	static class ObservedApplication {

	}

}
