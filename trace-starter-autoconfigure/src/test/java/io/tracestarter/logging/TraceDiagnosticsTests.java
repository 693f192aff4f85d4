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

package io.tracestarter.logging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import io.tracestarter.core.HopEvent;
import io.tracestarter.core.Layer;
import io.tracestarter.core.TraceHopRecorder;
import org.apache.kafka.common.utils.KafkaThread;
import org.apache.kafka.server.util.ShutdownableThread;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the diagnostics appender does with a line: a line without a trace id is a break
 * point, unless it is a Kafka logger's on a thread of Kafka's (told by the thread's
 * class, not its name); a line with one (ours or Micrometer's) tells the hop recorder
 * where the id was seen.
 */
class TraceDiagnosticsTests {

	private static final Instant TIME = Instant.parse("2026-01-01T00:00:00Z");

	private final LinesWithoutTraceId breakPoints = new LinesWithoutTraceId(10);

	private final LoggedHops hops = new LoggedHops();

	private final TraceDiagnostics diagnostics = new TraceDiagnostics(this.breakPoints, this.hops);

	private final Reader reader = new Reader();

	@Test
	void aLineWithATraceIdTellsTheHopRecorderAndIsNoBreakPoint() {
		this.diagnostics.seen(this.reader, new Line(Map.of("trace_id", "abc-1"), "app.Service", "hello"));
		assertThat(this.hops.logged).containsExactly("abc-1 app.Service");
		assertThat(this.hops.recorded).isEmpty();
		assertThat(this.breakPoints.linesWithoutId()).isZero();
		assertThat(this.breakPoints.groups()).isEmpty();
	}

	@Test
	void aLineWithOnlyMicrometersTraceIdCountsAsTraced() {
		this.diagnostics.seen(this.reader, new Line(Map.of("traceId", "4bf92f3577b34da6"), "app.Service", "hello"));
		assertThat(this.hops.logged).containsExactly("4bf92f3577b34da6 app.Service");
		assertThat(this.breakPoints.linesWithoutId()).isZero();
	}

	@Test
	void ourTraceIdWinsOverMicrometers() {
		this.diagnostics.seen(this.reader, new Line(Map.of("trace_id", "ours", "traceId", "theirs"), "app", "m"));
		assertThat(this.hops.logged).containsExactly("ours app");
	}

	@Test
	void aLineWithoutATraceIdIsABreakPoint() {
		this.diagnostics.seen(this.reader, new Line(Map.of("spanId", "1234"), "app.Worker", "lost"));
		assertThat(this.hops.logged).isEmpty();
		assertThat(this.breakPoints.linesWithoutId()).isOne();
		assertThat(this.breakPoints.groups()).singleElement().satisfies((group) -> {
			assertThat(group.logger()).isEqualTo("app.Worker");
			assertThat(group.threadGroup()).isEqualTo("worker-N");
			assertThat(group.count()).isOne();
			assertThat(group.first()).isEqualTo(TIME);
			assertThat(group.last()).isEqualTo(TIME);
			assertThat(group.sample()).isEqualTo("lost");
		});
	}

	@Test
	void aLineWithoutTraceIdOrMessageIsStillABreakPoint() {
		this.diagnostics.seen(this.reader, new Line(Map.of(), "app.Worker", null));
		assertThat(this.breakPoints.linesWithoutId()).isOne();
		assertThat(this.breakPoints.groups()).singleElement()
			.satisfies((group) -> assertThat(group.sample()).isEqualTo("null"));
	}

	@Test
	void eachLineIsDecidedOnItsOwn() {
		this.diagnostics.seen(this.reader, new Line(Map.of("trace_id", "a-1"), "app", "one"));
		this.diagnostics.seen(this.reader, new Line(Map.of(), "app", "two"));
		this.diagnostics.seen(this.reader, new Line(Map.of("trace_id", "a-2"), "other", "three"));
		this.diagnostics.seen(this.reader, new Line(Map.of(), "app", "four"));
		assertThat(this.hops.logged).containsExactly("a-1 app", "a-2 other");
		assertThat(this.breakPoints.linesWithoutId()).isEqualTo(2);
		assertThat(this.breakPoints.groups()).singleElement()
			.satisfies((group) -> assertThat(group.count()).isEqualTo(2));
	}

	@Test
	void aKafkaLoggersLineOnAKafkaThreadIsOutsideTracedWork() throws InterruptedException {
		run(KafkaThread.daemon("kafka-producer-network-thread | producer-1", () -> {
			seen("org.apache.kafka.clients.NetworkClient");
			seen("kafka.server.ReplicaManager");
			seen("state.change.logger");
		}));
		assertThat(this.breakPoints.linesOutsideTracedWork()).isEqualTo(3);
		assertThat(this.breakPoints.linesWithoutId()).isZero();
	}

	@Test
	void aKafkaThreadIsToldByAnyKafkaClassAmongTheThreadsClasses() throws InterruptedException {
		// The broker's raft and inter-broker threads are ShutdownableThreads, no
		// KafkaThreads.
		run(new ShutdownableThread("kafka-0-raft-io-thread", false) {

			@Override
			public void doWork() {
				seen("org.apache.kafka.raft.KafkaRaftClient");
				initiateShutdown();
			}

		});
		assertThat(this.breakPoints.linesOutsideTracedWork()).isOne();
		assertThat(this.breakPoints.linesWithoutId()).isZero();
	}

	@Test
	void anApplicationsLineOnAKafkaThreadIsABreakPoint() throws InterruptedException {
		run(KafkaThread.daemon("kafka-producer-network-thread | producer-1", () -> {
			seen("app.SendCallback");
			seen("org.apache.kafkaesque.Client");
			seen("org.springframework.kafka.core.KafkaTemplate");
		}));
		assertThat(this.breakPoints.linesWithoutId()).isEqualTo(3);
		assertThat(this.breakPoints.linesOutsideTracedWork()).isZero();
	}

	@Test
	void aKafkaLoggersLineOnAnotherThreadIsABreakPoint() throws InterruptedException {
		// Named like Kafka's thread, but the application's: the class decides.
		run(new Thread(() -> seen("org.apache.kafka.clients.producer.KafkaProducer"),
				"kafka-producer-network-thread | producer-1"));
		seen("org.apache.kafka.clients.producer.KafkaProducer");
		assertThat(this.breakPoints.linesWithoutId()).isEqualTo(2);
		assertThat(this.breakPoints.linesOutsideTracedWork()).isZero();
	}

	@Test
	void aKafkaLoggersLineWithAnIdOnAKafkaThreadIsAHop() throws InterruptedException {
		run(KafkaThread.daemon("kafka-producer-network-thread | producer-1", () -> this.diagnostics.seen(this.reader,
				new Line(Map.of("trace_id", "abc-1"), "org.apache.kafka.clients.Metadata", "m"))));
		assertThat(this.hops.logged).containsExactly("abc-1 org.apache.kafka.clients.Metadata");
		assertThat(this.breakPoints.linesOutsideTracedWork()).isZero();
	}

	private void seen(String logger) {
		this.diagnostics.seen(this.reader, new Line(Map.of(), logger, "line"));
	}

	private static void run(Thread thread) throws InterruptedException {
		thread.start();
		thread.join();
	}

	record Line(Map<String, String> mdc, String logger, @Nullable String message) {
	}

	private static final class Reader implements LogEventReader<Line> {

		@Override
		public Instant instant(Line event) {
			return TIME;
		}

		@Override
		public String level(Line event) {
			return "INFO";
		}

		@Override
		public String logger(Line event) {
			return event.logger();
		}

		@Override
		public String thread(Line event) {
			return "worker-3";
		}

		@Override
		public @Nullable String message(Line event) {
			return event.message();
		}

		@Override
		public @Nullable String mdc(Line event, String key) {
			return event.mdc().get(key);
		}

		@Override
		public void fields(Line event, BiConsumer<@Nullable String, @Nullable Object> fields) {
			event.mdc().forEach(fields);
		}

		@Override
		public @Nullable Failure failure(Line event) {
			return null;
		}

	}

	private static final class LoggedHops implements TraceHopRecorder {

		final List<String> logged = new ArrayList<>();

		final List<String> recorded = new ArrayList<>();

		@Override
		public void record(String traceId, Layer layer, HopEvent event) {
			this.recorded.add(traceId + " " + layer.tag() + " " + event.tag());
		}

		@Override
		public void logged(String traceId, String loggerName) {
			this.logged.add(traceId + " " + loggerName);
		}

	}

}
