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
import java.util.concurrent.CopyOnWriteArrayList;

import io.tracestarter.JsonLines;
import io.tracestarter.core.TraceScope;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.FixedBackOff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A 0% rule on a topic, a real in-process broker: records whose listener succeeds write
 * nothing; the record whose listener throws writes all its lines, DEBUG included.
 */
@SpringBootTest(classes = KafkaSamplingIntegrationTests.App.class,
		properties = { "spring.main.web-application-type=none",
				"spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
				"spring.kafka.consumer.group-id=sampling-tests", "spring.kafka.consumer.auto-offset-reset=earliest",
				"management.tracing.export.otlp.enabled=false", "management.otlp.metrics.export.enabled=false",
				"trace.sampling.enabled=true", "trace.sampling.capture-debug-on-error=true",
				"trace.sampling.rules[0].kafka-topic=sampled-*", "trace.sampling.rules[0].rate=0" })
@EmbeddedKafka(partitions = 1, topics = "sampled-orders")
@ExtendWith(OutputCaptureExtension.class)
class KafkaSamplingIntegrationTests {

	private static final String LISTENER = App.Listener.class.getName();

	@Autowired
	private KafkaTemplate<Object, Object> template;

	@Autowired
	private App.Listener listener;

	@Test
	void aFailedRecordWritesItsLinesAndSucceededOnesWriteNone(CapturedOutput output) {
		for (int i = 0; i < 20; i++) {
			send("ok-" + i, "record-ok-" + i);
		}
		send("fail-1", "record-fail-1");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(this.listener.seen).hasSize(21));
		await().untilAsserted(
				() -> assertThat(listenerLines(output, "record-fail-1")).extracting((line) -> line.get("message"))
					.containsExactly("received fail-1", "checking fail-1"));
		assertThat(listenerLines(output, "record-fail-1"))
			.allSatisfy((line) -> assertThat(line).containsEntry("trace_sampling", "error"))
			.extracting((line) -> line.get("level"))
			.containsExactly("INFO", "DEBUG");
		// The error handler's own lines come after, under the record's id.
		assertThat(JsonLines.parse(output)).anySatisfy(
				(line) -> assertThat(line).containsEntry("trace_id", "record-fail-1").containsEntry("level", "ERROR"));
		for (int i = 0; i < 20; i++) {
			assertThat(listenerLines(output, "record-ok-" + i)).isEmpty();
		}
	}

	private void send(String value, String traceId) {
		try (TraceScope scope = TraceScope.open(traceId)) {
			this.template.send("sampled-orders", value).join();
		}
	}

	private static List<Map<String, Object>> listenerLines(CapturedOutput output, String traceId) {
		return JsonLines.parse(output)
			.stream()
			.filter((line) -> traceId.equals(line.get("trace_id")) && LISTENER.equals(line.get("logger")))
			.toList();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(App.Listener.class)
	static class App {

		@Bean
		CommonErrorHandler noRetries() {
			return new DefaultErrorHandler(new FixedBackOff(0, 0));
		}

		@Component
		static class Listener {

			private static final Logger logger = LoggerFactory.getLogger(Listener.class);

			final List<String> seen = new CopyOnWriteArrayList<>();

			@KafkaListener(topics = "sampled-orders")
			void onRecord(ConsumerRecord<String, String> record) {
				logger.info("received {}", record.value());
				logger.debug("checking {}", record.value());
				this.seen.add(record.value());
				if (record.value().startsWith("fail")) {
					throw new IllegalStateException(record.value() + " cannot be processed");
				}
			}

		}

	}

}
