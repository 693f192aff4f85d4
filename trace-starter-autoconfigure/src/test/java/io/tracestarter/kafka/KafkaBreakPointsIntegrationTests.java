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
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.micrometer.core.instrument.MeterRegistry;
import io.tracestarter.JsonLines;
import io.tracestarter.core.TraceScope;
import io.tracestarter.logging.LinesWithoutTraceId;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.KafkaThread;
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
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kafka's own work is outside traced work. A listener's consumer thread between records:
 * the Kafka client's and the container's own lines there (group join, partition
 * assignment, offset commits, the consumer's close) are counted apart. Kafka's own
 * threads: the Kafka loggers' lines on the producer's network thread, the consumers'
 * heartbeat threads, the admin client's thread and the broker's threads are counted apart
 * too. A line that lost its id still is a break point, and only those are: a raw thread
 * started by a record listener, a batch listener's line outside its loop, and an
 * application's send callback on the producer's network thread. A real in-process broker,
 * the test's own work under an id as a request's would be, listener containers started
 * after the application is ready and stopped before the assertions; assertions on the
 * JSON lines written, the break points and the meters.
 */
@SpringBootTest(classes = KafkaBreakPointsIntegrationTests.BreakPointsApplication.class,
		webEnvironment = WebEnvironment.NONE,
		properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
				"spring.kafka.consumer.group-id=break-points", "spring.kafka.consumer.auto-offset-reset=earliest",
				"management.tracing.export.otlp.enabled=false", "management.otlp.metrics.export.enabled=false",
				// Lines on every kind of Kafka thread: the clients' threads, and the
				// broker's raft thread (not a KafkaThread) beside those that write at
				// INFO.
				"logging.level.org.apache.kafka.clients=DEBUG", "logging.level.org.apache.kafka.raft=DEBUG" })
@EmbeddedKafka(partitions = 1, topics = { "bp-records", "bp-batch", "bp-callback" })
@ExtendWith(OutputCaptureExtension.class)
class KafkaBreakPointsIntegrationTests {

	private static final String CALLBACK_LINE = "acknowledged bp-callback";

	@Autowired
	private KafkaTemplate<Object, Object> template;

	@Autowired
	private KafkaAdmin admin;

	@Autowired
	private KafkaListenerEndpointRegistry registry;

	@Autowired
	private LinesWithoutTraceId breakPoints;

	@Autowired
	private MeterRegistry meterRegistry;

	@Test
	void kafkasOwnLinesAreOutsideTracedWorkAndOnlyLinesThatLostTheIdAreBreakPoints(CapturedOutput output)
			throws Exception {
		long missingBefore = this.breakPoints.linesWithoutId();
		long outsideBefore = this.breakPoints.linesOutsideTracedWork();
		Instant start = Instant.now();
		Map<String, Class<?>> threads;
		try (TraceScope scope = TraceScope.open("bp-test")) {
			threads = runListenersAndClients(output);
		}
		String recordThread = threadOf(output, "record r1");
		String batchThread = threadOf(output, "batch b1");
		assertThat(recordThread).isNotEqualTo(batchThread);
		assertListenerThreadLines(output, recordThread, batchThread);
		Predicate<Map<String, Object>> kafkaOwnLine = (line) -> isKafkaLogger(line)
				&& isKafkaThread(threads.get(line.get("thread")));
		List<Map<String, Object>> kafkaOwn = linesWithoutId(output, start, kafkaOwnLine);
		assertKafkaThreadLines(kafkaOwn, threads);
		// The break points are exactly the three lines that lost an id.
		Set<String> listenerThreads = Set.of(recordThread, batchThread);
		Predicate<Map<String, Object>> betweenRecords = (line) -> listenerThreads.contains(line.get("thread"))
				&& !"batch listener size 1".equals(line.get("message"));
		assertThat(linesWithoutId(output, start, kafkaOwnLine.negate().and(betweenRecords.negate())))
			.extracting((line) -> line.get("message"))
			.containsExactlyInAnyOrder("lost in a raw thread r1", "batch listener size 1", CALLBACK_LINE);
		assertThat(this.breakPoints.linesWithoutId() - missingBefore).isEqualTo(3);
		assertBreakPointGroups(recordThread, batchThread);
		// Every other line without an id is counted apart (the broker keeps writing).
		long listenerOutside = linesWithoutId(output, recordThread).size() + linesWithoutId(output, batchThread).size()
				- 1;
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.breakPoints.linesOutsideTracedWork() - outsideBefore)
				.isGreaterThanOrEqualTo(listenerOutside + kafkaOwn.size()));
		assertMetersMatch();
	}

	private Map<String, Class<?>> runListenersAndClients(CapturedOutput output) throws Exception {
		this.registry.getListenerContainer("bp-records").start();
		this.registry.getListenerContainer("bp-batch").start();
		send("bp-records", "r1");
		send("bp-batch", "b1");
		sendWithCallback();
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			assertThat(JsonLines.withMessage(output, "lost in a raw thread r1"::equals)).hasSize(1);
			assertThat(JsonLines.withMessage(output, "batch b1"::equals)).hasSize(1);
			assertThat(JsonLines.withMessage(output, CALLBACK_LINE::equals)).hasSize(1);
		});
		Map<String, Class<?>> threads;
		try (Admin client = Admin.create(this.admin.getConfigurationProperties())) {
			client.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
			// While every client thread is alive: the heartbeat threads end with their
			// consumers, the admin client's thread with the client.
			threads = liveThreads();
		}
		this.registry.getListenerContainer("bp-records").stop();
		this.registry.getListenerContainer("bp-batch").stop();
		return threads;
	}

	private void assertListenerThreadLines(CapturedOutput output, String recordThread, String batchThread) {
		// The client's and container's own lines, written on both listener threads
		// without an id: partition assignment, the consumer's close.
		for (String thread : List.of(recordThread, batchThread)) {
			assertThat(linesWithoutId(output, thread))
				.filteredOn((line) -> String.valueOf(line.get("logger")).startsWith("org.apache.kafka."))
				.hasSizeGreaterThan(5);
			assertThat(linesWithoutId(output, thread)).anySatisfy((line) -> assertThat(line.get("logger"))
				.isEqualTo("org.springframework.kafka.listener.KafkaMessageListenerContainer"));
		}
	}

	private static void assertKafkaThreadLines(List<Map<String, Object>> kafkaOwn, Map<String, Class<?>> threads) {
		Map<String, Long> byKind = new HashMap<>();
		for (Map<String, Object> line : kafkaOwn) {
			byKind.merge(kind((String) line.get("thread"), threads), 1L, Long::sum);
		}
		// Printed so a run shows the figures README quotes.
		System.err.println("Kafka's own lines without an id by thread kind: " + byKind);
		assertThat(byKind).containsOnlyKeys("producer", "heartbeat", "admin", "broker KafkaThread", "broker other")
			.allSatisfy((kind, count) -> assertThat(count).isPositive());
	}

	private static String kind(String thread, Map<String, Class<?>> threads) {
		if (thread.startsWith("kafka-producer-network-thread | ")) {
			return "producer";
		}
		if (thread.startsWith("kafka-coordinator-heartbeat-thread | ")) {
			return "heartbeat";
		}
		if (thread.startsWith("kafka-admin-client-thread | ")) {
			return "admin";
		}
		// The group coordinator's event processors and the ShutdownableThreads (raft,
		// broker to controller) are Kafka's, yet no KafkaThread.
		return KafkaThread.class.isAssignableFrom(threads.get(thread)) ? "broker KafkaThread" : "broker other";
	}

	private void assertBreakPointGroups(String recordThread, String batchThread) {
		List<LinesWithoutTraceId.Summary> groups = this.breakPoints.groups();
		assertThat(groups).noneSatisfy((group) -> assertThat(group.threadGroup()).isEqualTo(folded(recordThread)));
		assertSingleGroup(groups, folded(batchThread), "batch listener size 1");
		assertSingleGroup(groups, "raw-kafka-N", "lost in a raw thread r1");
		assertSingleGroup(groups, "kafka-producer-network-thread | producer-N", CALLBACK_LINE);
		// No Kafka logger among the break points: all its lines were on Kafka's threads,
		// on listener threads between records, or under the test's id.
		assertThat(groups).noneSatisfy((group) -> assertThat(group.logger()).startsWith("org.apache.kafka."));
		assertThat(groups).noneSatisfy((group) -> assertThat(group.logger()).startsWith("kafka."));
	}

	private static void assertSingleGroup(List<LinesWithoutTraceId.Summary> groups, String threadGroup, String sample) {
		assertThat(groups).filteredOn((group) -> group.threadGroup().equals(threadGroup))
			.singleElement()
			.satisfies(
					(group) -> assertThat(group).returns(Listeners.class.getName(), LinesWithoutTraceId.Summary::logger)
						.returns(1L, LinesWithoutTraceId.Summary::count)
						.returns(sample, LinesWithoutTraceId.Summary::sample));
	}

	private void assertMetersMatch() {
		// Read between two reads of the counter: the broker may write meanwhile.
		long outsideLow = this.breakPoints.linesOutsideTracedWork();
		double outside = this.meterRegistry.get("trace.logging.outside").functionCounter().count();
		assertThat(outside).isBetween((double) outsideLow, (double) this.breakPoints.linesOutsideTracedWork());
		assertThat(this.meterRegistry.get("trace.logging.missing").functionCounter().count())
			.isEqualTo(this.breakPoints.linesWithoutId());
	}

	private void send(String topic, String value) {
		ProducerRecord<Object, Object> record = new ProducerRecord<>(topic, value);
		record.headers().add("X-Trace-ID", ("bp-" + value).getBytes(StandardCharsets.UTF_8));
		this.template.send(record);
		this.template.flush();
	}

	// A callback of the application's own on the producer's network thread, which the
	// starter does not wrap: its line loses the sender's id.
	private void sendWithCallback() {
		this.template.execute((producer) -> producer.send(new ProducerRecord<>("bp-callback", "c1"),
				(metadata, failure) -> Listeners.logger.info(CALLBACK_LINE)));
		this.template.flush();
	}

	private static Map<String, Class<?>> liveThreads() {
		Map<String, Class<?>> threads = new HashMap<>();
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			threads.putIfAbsent(thread.getName(), thread.getClass());
		}
		return threads;
	}

	private static boolean isKafkaLogger(Map<String, Object> line) {
		String logger = String.valueOf(line.get("logger"));
		return logger.startsWith("org.apache.kafka.") || logger.startsWith("kafka.")
				|| logger.equals("state.change.logger");
	}

	private static boolean isKafkaThread(Class<?> type) {
		for (Class<?> candidate = type; candidate != null; candidate = candidate.getSuperclass()) {
			if (candidate.getName().startsWith("org.apache.kafka.") || candidate.getName().startsWith("kafka.")) {
				return true;
			}
		}
		return false;
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

	private static List<Map<String, Object>> linesWithoutId(CapturedOutput output, Instant since,
			Predicate<Map<String, Object>> filter) {
		return JsonLines.parse(output)
			.stream()
			.filter((line) -> !line.containsKey("trace_id")
					&& !Instant.parse((String) line.get("@timestamp")).isBefore(since) && filter.test(line))
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

		static final Logger logger = LoggerFactory.getLogger(Listeners.class);

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
