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
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.tracestarter.JsonLines;
import io.tracestarter.logging.LinesWithoutTraceId;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A listener's consumer thread is outside traced work between records: the Kafka client's
 * and the container's own lines there (group join, partition assignment, offset commits,
 * the consumer's close) are counted apart, not as break points. A line of the listener's
 * own work that has no id (a raw thread started by a record listener, a batch listener's
 * line outside its loop) still is one. A real in-process broker, listener containers
 * started after the application is ready and stopped before the assertions; assertions on
 * the JSON lines written, the break points and the meters.
 */
@SpringBootTest(classes = KafkaBreakPointsIntegrationTests.BreakPointsApplication.class,
		webEnvironment = WebEnvironment.NONE,
		properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
				"spring.kafka.consumer.group-id=break-points", "spring.kafka.consumer.auto-offset-reset=earliest",
				"management.tracing.export.otlp.enabled=false", "management.otlp.metrics.export.enabled=false" })
@EmbeddedKafka(partitions = 1, topics = { "bp-records", "bp-batch" })
@ExtendWith(OutputCaptureExtension.class)
class KafkaBreakPointsIntegrationTests {

	@Autowired
	private KafkaTemplate<Object, Object> template;

	@Autowired
	private KafkaListenerEndpointRegistry registry;

	@Autowired
	private LinesWithoutTraceId breakPoints;

	@Autowired
	private MeterRegistry meterRegistry;

	@Test
	void kafkaClientLinesOnListenerThreadsAreOutsideTracedWorkButARawThreadIsABreakPoint(CapturedOutput output) {
		long outsideBefore = this.breakPoints.linesOutsideTracedWork();
		this.registry.getListenerContainer("bp-records").start();
		this.registry.getListenerContainer("bp-batch").start();
		send("bp-records", "r1");
		send("bp-batch", "b1");
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			assertThat(JsonLines.withMessage(output, "lost in a raw thread r1"::equals)).hasSize(1);
			assertThat(JsonLines.withMessage(output, "batch b1"::equals)).hasSize(1);
		});
		this.registry.getListenerContainer("bp-records").stop();
		this.registry.getListenerContainer("bp-batch").stop();
		String recordThread = threadOf(output, "record r1");
		String batchThread = threadOf(output, "batch b1");
		assertThat(recordThread).isNotEqualTo(batchThread);
		// The client's and container's own lines, written on both listener threads
		// without an id: partition assignment, the consumer's close.
		for (String thread : List.of(recordThread, batchThread)) {
			assertThat(linesWithoutId(output, thread))
				.filteredOn((line) -> String.valueOf(line.get("logger")).startsWith("org.apache.kafka."))
				.hasSizeGreaterThan(5);
			assertThat(linesWithoutId(output, thread)).anySatisfy((line) -> assertThat(line.get("logger"))
				.isEqualTo("org.springframework.kafka.listener.KafkaMessageListenerContainer"));
		}
		assertBreakPoints(recordThread, batchThread);
		// Every line without an id on the listener threads but the batch listener's own
		// is counted apart.
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.breakPoints.linesOutsideTracedWork() - outsideBefore).isEqualTo(
					linesWithoutId(output, recordThread).size() + linesWithoutId(output, batchThread).size() - 1));
		assertThat(this.meterRegistry.get("trace.logging.outside").functionCounter().count())
			.isEqualTo(this.breakPoints.linesOutsideTracedWork());
	}

	private void assertBreakPoints(String recordThread, String batchThread) {
		List<LinesWithoutTraceId.Summary> groups = this.breakPoints.groups();
		// Nothing on the record listener's thread; on the batch listener's, only the
		// listener's line outside its loop.
		assertThat(groups).noneSatisfy((group) -> assertThat(group.threadGroup()).isEqualTo(folded(recordThread)));
		assertThat(groups).filteredOn((group) -> group.threadGroup().equals(folded(batchThread)))
			.singleElement()
			.satisfies(
					(group) -> assertThat(group).returns(Listeners.class.getName(), LinesWithoutTraceId.Summary::logger)
						.returns(1L, LinesWithoutTraceId.Summary::count)
						.returns("batch listener size 1", LinesWithoutTraceId.Summary::sample));
		assertThat(groups).filteredOn((group) -> group.threadGroup().equals("raw-kafka-N"))
			.singleElement()
			.satisfies(
					(group) -> assertThat(group).returns(Listeners.class.getName(), LinesWithoutTraceId.Summary::logger)
						.returns(1L, LinesWithoutTraceId.Summary::count)
						.returns("lost in a raw thread r1", LinesWithoutTraceId.Summary::sample));
		assertThat(this.meterRegistry.get("trace.logging.missing").functionCounter().count())
			.isEqualTo(this.breakPoints.linesWithoutId());
	}

	private void send(String topic, String value) {
		ProducerRecord<Object, Object> record = new ProducerRecord<>(topic, value);
		record.headers().add("X-Trace-ID", ("bp-" + value).getBytes(StandardCharsets.UTF_8));
		this.template.send(record);
		this.template.flush();
	}

	private static String threadOf(CapturedOutput output, String message) {
		Map<String, Object> line = JsonLines.withMessage(output, message::equals).get(0);
		assertThat(line).containsKey("trace_id");
		return (String) line.get("thread");
	}

	private static List<Map<String, Object>> linesWithoutId(CapturedOutput output, String thread) {
		return JsonLines.parse(output)
			.stream()
			.filter((line) -> thread.equals(line.get("thread")) && !line.containsKey("trace_id"))
			.toList();
	}

	private static String folded(String thread) {
		return thread.replaceAll("[0-9]+", "N");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(Listeners.class)
	static class BreakPointsApplication {

	}

	public static class Listeners {

		private static final Logger logger = LoggerFactory.getLogger(Listeners.class);

		@KafkaListener(id = "bp-records", topics = "bp-records", autoStartup = "false")
		public void record(ConsumerRecord<String, String> record) throws InterruptedException {
			logger.info("record {}", record.value());
			Thread raw = new Thread(() -> logger.info("lost in a raw thread {}", record.value()), "raw-kafka-1");
			raw.start();
			raw.join();
		}

		@KafkaListener(id = "bp-batch", topics = "bp-batch", autoStartup = "false", batch = "true")
		public void batch(List<ConsumerRecord<String, String>> records) {
			// Outside the loop: no id, and the listener's own work, so a break point.
			logger.info("batch listener size {}", records.size());
			for (ConsumerRecord<String, String> record : records) {
				logger.info("batch {}", record.value());
			}
		}

	}

}
