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

package io.tracestarter.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.tracestarter.core.TraceMetrics.Counter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The id counters: one counter per outcome, layer and source or reason, counted exactly
 * under concurrency, and each announced once to a listener, also when made later.
 */
class TraceMetricsTests {

	private static final InboundSource HEADER = InboundSource.of("header:X-Trace-ID");

	private static final InboundSource QUERY = InboundSource.of("query:trace_id");

	private final TraceMetrics metrics = new TraceMetrics();

	@Test
	void aCounterThatNeverMovedCountsZeroAndDoesNotExist() {
		assertThat(this.metrics.count(TraceMetrics.GENERATED, Layer.HTTP, null)).isZero();
		assertThat(this.metrics.snapshot()).isEmpty();
	}

	@Test
	void eachOutcomeIsCountedPerLayer() {
		this.metrics.generated(Layer.HTTP);
		this.metrics.generated(Layer.HTTP);
		this.metrics.generated(Layer.GRPC);
		this.metrics.propagated(Layer.KAFKA);
		assertThat(this.metrics.count(TraceMetrics.GENERATED, Layer.HTTP, null)).isEqualTo(2);
		assertThat(this.metrics.count(TraceMetrics.GENERATED, Layer.GRPC, null)).isEqualTo(1);
		assertThat(this.metrics.count(TraceMetrics.GENERATED, Layer.KAFKA, null)).isZero();
		assertThat(this.metrics.count(TraceMetrics.PROPAGATED, Layer.KAFKA, null)).isEqualTo(1);
		assertThat(this.metrics.count(TraceMetrics.PROPAGATED, Layer.HTTP, null)).isZero();
	}

	@Test
	void extractedIsCountedPerSourceAndRejectedPerReason() {
		this.metrics.extracted(Layer.HTTP, HEADER);
		this.metrics.extracted(Layer.HTTP, HEADER);
		this.metrics.extracted(Layer.HTTP, QUERY);
		this.metrics.extracted(Layer.GRPC, HEADER);
		this.metrics.rejected(Layer.HTTP, RejectionReason.TOO_LONG);
		this.metrics.rejected(Layer.HTTP, RejectionReason.EMPTY);
		this.metrics.rejected(Layer.HTTP, RejectionReason.EMPTY);
		assertThat(this.metrics.count(TraceMetrics.EXTRACTED, Layer.HTTP, "header:X-Trace-ID")).isEqualTo(2);
		assertThat(this.metrics.count(TraceMetrics.EXTRACTED, Layer.HTTP, "query:trace_id")).isEqualTo(1);
		// null sums every source or reason of the layer.
		assertThat(this.metrics.count(TraceMetrics.EXTRACTED, Layer.HTTP, null)).isEqualTo(3);
		assertThat(this.metrics.count(TraceMetrics.EXTRACTED, Layer.GRPC, null)).isEqualTo(1);
		assertThat(this.metrics.count(TraceMetrics.REJECTED, Layer.HTTP, RejectionReason.EMPTY.tagValue()))
			.isEqualTo(2);
		assertThat(this.metrics.count(TraceMetrics.REJECTED, Layer.HTTP, null)).isEqualTo(3);
		assertThat(this.metrics.count(TraceMetrics.REJECTED, Layer.GRPC, null)).isZero();
	}

	@Test
	void theSnapshotHoldsOneSortedEntryPerCounterAndNoInboundValue() {
		this.metrics.rejected(Layer.HTTP, RejectionReason.FORBIDDEN_CHARACTER);
		this.metrics.extracted(Layer.HTTP, HEADER);
		this.metrics.generated(Layer.HTTP);
		this.metrics.generated(Layer.HTTP);
		this.metrics.propagated(Layer.GRPC);
		Map<Counter, Long> snapshot = this.metrics.snapshot();
		assertThat(snapshot.keySet()).extracting(Counter::toString)
			.containsExactly("grpc,propagated", "http,extracted,source=header:X-Trace-ID", "http,generated",
					"http,rejected,reason=" + RejectionReason.FORBIDDEN_CHARACTER.tagValue());
		assertThat(snapshot).containsEntry(new Counter(TraceMetrics.GENERATED, "http", null, null), 2L);
		// A copy: later counts do not change it.
		this.metrics.generated(Layer.HTTP);
		assertThat(snapshot).containsEntry(new Counter(TraceMetrics.GENERATED, "http", null, null), 2L);
	}

	@Test
	void manyEventsMakeNoMoreCountersThanKindsOfOutcome() {
		for (int i = 0; i < 10_000; i++) {
			this.metrics.generated(Layer.HTTP);
			this.metrics.extracted(Layer.HTTP, (i % 2 == 0) ? HEADER : QUERY);
			this.metrics.rejected(Layer.HTTP, RejectionReason.values()[i % RejectionReason.values().length]);
		}
		assertThat(this.metrics.snapshot()).hasSize(1 + 2 + RejectionReason.values().length);
	}

	@Test
	void aListenerSeesExistingCountersAndEachNewOneOnceWithItsLiveAdder() {
		this.metrics.generated(Layer.HTTP);
		List<Counter> announced = new ArrayList<>();
		List<LongAdder> adders = new ArrayList<>();
		this.metrics.onEachCounter((counter, adder) -> {
			announced.add(counter);
			adders.add(adder);
		});
		assertThat(announced).containsExactly(new Counter(TraceMetrics.GENERATED, "http", null, null));
		this.metrics.extracted(Layer.KAFKA, HEADER);
		this.metrics.extracted(Layer.KAFKA, HEADER);
		this.metrics.rejected(Layer.KAFKA, RejectionReason.TOO_LONG);
		this.metrics.rejected(Layer.KAFKA, RejectionReason.TOO_LONG);
		this.metrics.generated(Layer.HTTP);
		assertThat(announced).containsExactly(new Counter(TraceMetrics.GENERATED, "http", null, null),
				new Counter(TraceMetrics.EXTRACTED, "kafka", "source", "header:X-Trace-ID"),
				new Counter(TraceMetrics.REJECTED, "kafka", "reason", RejectionReason.TOO_LONG.tagValue()));
		assertThat(adders).extracting(LongAdder::sum).containsExactly(2L, 2L, 2L);
	}

	@Test
	void concurrentFirstEventsAreAllCountedOnOneCounter() throws Exception {
		int threads = 8;
		int perThread = 5_000;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		List<Counter> announced = new java.util.concurrent.CopyOnWriteArrayList<>();
		this.metrics.onEachCounter((counter, adder) -> announced.add(counter));
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				futures.add(executor.submit(() -> {
					start.await();
					for (int i = 0; i < perThread; i++) {
						this.metrics.generated(Layer.ASYNC);
						this.metrics.propagated(Layer.ASYNC);
						this.metrics.extracted(Layer.ASYNC, HEADER);
						this.metrics.rejected(Layer.ASYNC, RejectionReason.EMPTY);
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : futures) {
				future.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		long expected = (long) threads * perThread;
		assertThat(this.metrics.count(TraceMetrics.GENERATED, Layer.ASYNC, null)).isEqualTo(expected);
		assertThat(this.metrics.count(TraceMetrics.PROPAGATED, Layer.ASYNC, null)).isEqualTo(expected);
		assertThat(this.metrics.count(TraceMetrics.EXTRACTED, Layer.ASYNC, null)).isEqualTo(expected);
		assertThat(this.metrics.count(TraceMetrics.REJECTED, Layer.ASYNC, null)).isEqualTo(expected);
		assertThat(announced).hasSize(4).doesNotHaveDuplicates();
	}

}
