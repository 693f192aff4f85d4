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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.tracestarter.core.InboundSource;
import io.tracestarter.core.OutsideTracedWork;
import io.tracestarter.core.RecordingHops;
import io.tracestarter.core.RequestSampling;
import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceIdGenerator;
import io.tracestarter.core.TraceIdResolver;
import io.tracestarter.core.TraceIdValidator;
import io.tracestarter.core.TraceMetrics;
import io.tracestarter.core.TraceScope;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each record of a record listener runs under its id: opened before the listener, closed
 * on success; kept after a failure for the error handler and closed when the next record
 * starts or the poll cycle ends; the record's log sampling is begun and ended with it.
 */
class TraceRecordInterceptorTests {

	private final RecordingHops hops = new RecordingHops();

	private final RecordingSampling sampling = new RecordingSampling();

	private final TraceRecordInterceptor interceptor = new TraceRecordInterceptor(new KafkaTraceIds(
			new TraceIdResolver(List.of(InboundSource.of("header:X-Trace-ID")), new TraceIdValidator(128),
					TraceIdGenerator.random(), new TraceMetrics()),
			this.hops, this.sampling));

	@AfterEach
	void threadKeepsNoId() {
		this.interceptor.clearThreadState(null);
		assertThat(TraceContext.currentTraceId()).isNull();
	}

	@Test
	void theRecordRunsUnderItsIdAndTheIdIsClearedOnSuccess() {
		ConsumerRecord<Object, Object> record = record("orders", 0, 1, "kafka-1");
		assertThat(this.interceptor.intercept(record, null)).isSameAs(record);
		assertThat(TraceContext.currentTraceId()).isEqualTo("kafka-1");
		assertThat(this.hops.hops()).containsExactly("kafka-1 kafka in");
		this.interceptor.success(record, null);
		assertThat(TraceContext.currentTraceId()).isNull();
		assertThat(this.sampling.events).containsExactly("begin kafka-1 orders", "end kafka-1 ok");
	}

	@Test
	void aRecordWithoutIdRunsUnderTheIdDerivedFromItsPosition() {
		ConsumerRecord<Object, Object> record = record("orders", 2, 40, null);
		this.interceptor.intercept(record, null);
		assertThat(TraceContext.currentTraceId()).isEqualTo(KafkaTraceIds.derived("orders", 2, 40));
		this.interceptor.success(record, null);
		assertThat(TraceContext.currentTraceId()).isNull();
	}

	@Test
	void theIdThatWasCurrentBeforeIsRestoredOnSuccess() {
		try (TraceScope outer = TraceScope.open("outer-1")) {
			ConsumerRecord<Object, Object> record = record("orders", 0, 2, "kafka-2");
			this.interceptor.intercept(record, null);
			assertThat(TraceContext.currentTraceId()).isEqualTo("kafka-2");
			this.interceptor.success(record, null);
			assertThat(TraceContext.currentTraceId()).isEqualTo("outer-1");
		}
	}

	@Test
	void aFailureKeepsTheIdForTheErrorHandlerAndWritesHeldLinesAtOnce() {
		ConsumerRecord<Object, Object> record = record("orders", 0, 3, "kafka-3");
		this.interceptor.intercept(record, null);
		this.interceptor.failure(record, new IllegalStateException("boom"), null);
		assertThat(TraceContext.currentTraceId()).as("the error handler's lines carry the id").isEqualTo("kafka-3");
		assertThat(this.sampling.events).containsExactly("begin kafka-3 orders", "end kafka-3 failed");
		this.interceptor.clearThreadState(null);
		assertThat(TraceContext.currentTraceId()).isNull();
		assertThat(this.sampling.ended("kafka-3")).as("ended once, as failed").containsExactly("failed");
	}

	@Test
	void aFailedRecordsSamplingHandleIsEndedExactlyOnce() {
		ConsumerRecord<Object, Object> record = record("orders", 0, 10, "kafka-10");
		this.interceptor.intercept(record, null);
		this.interceptor.failure(record, new IllegalStateException("boom"), null);
		this.interceptor.clearThreadState(null);
		assertThat(this.sampling.endCalls("kafka-10")).as("RequestSampling.begin: end it exactly once").isOne();
	}

	@Test
	void theIdKeptAfterAFailureIsClosedWhenTheNextRecordStarts() {
		ConsumerRecord<Object, Object> failing = record("orders", 0, 4, "kafka-4");
		this.interceptor.intercept(failing, null);
		this.interceptor.failure(failing, new IllegalStateException("boom"), null);
		ConsumerRecord<Object, Object> next = record("orders", 0, 5, "kafka-5");
		this.interceptor.intercept(next, null);
		assertThat(TraceContext.currentTraceId()).isEqualTo("kafka-5");
		this.interceptor.success(next, null);
		assertThat(TraceContext.currentTraceId()).as("the failed record's id does not come back").isNull();
		assertThat(this.sampling.ended("kafka-4")).containsExactly("failed");
		assertThat(this.sampling.ended("kafka-5")).containsExactly("ok");
	}

	@Test
	void aRecordLeftOpenIsClosedWhenTheNextRecordStarts() {
		this.interceptor.intercept(record("orders", 0, 6, "kafka-6"), null);
		ConsumerRecord<Object, Object> next = record("orders", 0, 7, "kafka-7");
		this.interceptor.intercept(next, null);
		assertThat(this.sampling.ended("kafka-6")).containsExactly("ok");
		this.interceptor.success(next, null);
		assertThat(TraceContext.currentTraceId()).isNull();
	}

	@Test
	void theConsumerThreadIsOutsideTracedWorkExceptWhileARecordsIdIsOpen() {
		this.interceptor.setupThreadState(null);
		try {
			assertThat(OutsideTracedWork.isCurrent()).as("marked by the poll hook").isTrue();
			ConsumerRecord<Object, Object> record = record("orders", 0, 11, "kafka-11");
			this.interceptor.intercept(record, null);
			assertThat(OutsideTracedWork.isCurrent()).as("the record's work").isFalse();
			this.interceptor.success(record, null);
			assertThat(OutsideTracedWork.isCurrent()).isTrue();
			ConsumerRecord<Object, Object> failing = record("orders", 0, 12, "kafka-12");
			this.interceptor.intercept(failing, null);
			this.interceptor.failure(failing, new IllegalStateException("boom"), null);
			assertThat(OutsideTracedWork.isCurrent()).as("the error handler works on the record").isFalse();
			this.interceptor.clearThreadState(null);
			assertThat(OutsideTracedWork.isCurrent()).as("kept between poll cycles").isTrue();
		}
		finally {
			OutsideTracedWork.leave();
		}
	}

	@Test
	void aRecordOnAnUnmarkedThreadLeavesItUnmarked() {
		ConsumerRecord<Object, Object> record = record("orders", 0, 13, "kafka-13");
		this.interceptor.intercept(record, null);
		this.interceptor.success(record, null);
		assertThat(OutsideTracedWork.isCurrent()).isFalse();
	}

	@Test
	void clearingThreadStateWithNothingOpenDoesNothing() {
		try (TraceScope outer = TraceScope.open("outer-2")) {
			this.interceptor.clearThreadState(null);
			assertThat(TraceContext.currentTraceId()).isEqualTo("outer-2");
		}
		assertThat(this.sampling.events).isEmpty();
	}

	@Test
	void aSuccessTwiceEndsTheRecordOnce() {
		ConsumerRecord<Object, Object> record = record("orders", 0, 8, "kafka-8");
		this.interceptor.intercept(record, null);
		this.interceptor.success(record, null);
		this.interceptor.success(record, null);
		assertThat(this.sampling.ended("kafka-8")).containsExactly("ok");
		assertThat(TraceContext.currentTraceId()).isNull();
	}

	@Test
	void eachListenerThreadHasItsOwnRecord() throws InterruptedException {
		ConsumerRecord<Object, Object> record = record("orders", 0, 9, "kafka-9");
		this.interceptor.intercept(record, null);
		AtomicReference<@Nullable String> other = new AtomicReference<>("unset");
		Thread thread = new Thread(() -> {
			this.interceptor.clearThreadState(null);
			other.set(TraceContext.currentTraceId());
		});
		thread.start();
		thread.join();
		assertThat(other.get()).isNull();
		assertThat(TraceContext.currentTraceId()).isEqualTo("kafka-9");
		assertThat(this.sampling.ended("kafka-9")).isEmpty();
		this.interceptor.success(record, null);
	}

	private static ConsumerRecord<Object, Object> record(String topic, int partition, long offset,
			@Nullable String traceId) {
		ConsumerRecord<Object, Object> record = new ConsumerRecord<>(topic, partition, offset, "key", "value");
		if (traceId != null) {
			record.headers().add("X-Trace-ID", traceId.getBytes(StandardCharsets.UTF_8));
		}
		return record;
	}

	/**
	 * Sampling that keeps what it was told, with handles that record the first call to
	 * end as the outcome and count every call.
	 */
	static final class RecordingSampling implements RequestSampling {

		final List<String> events = new CopyOnWriteArrayList<>();

		final List<String> calls = new CopyOnWriteArrayList<>();

		@Override
		public Request begin(String traceId, Kind kind, String name) {
			this.events.add("begin " + traceId + " " + name);
			AtomicBoolean ended = new AtomicBoolean();
			return (failed) -> {
				this.calls.add(traceId);
				// As the contract of Request says: a second call does nothing.
				if (ended.compareAndSet(false, true)) {
					this.events.add("end " + traceId + " " + (failed ? "failed" : "ok"));
				}
			};
		}

		long endCalls(String traceId) {
			return this.calls.stream().filter(traceId::equals).count();
		}

		List<String> ended(String traceId) {
			String prefix = "end " + traceId + " ";
			return this.events.stream()
				.filter((event) -> event.startsWith(prefix))
				.map((event) -> event.substring(prefix.length()))
				.toList();
		}

	}

}
