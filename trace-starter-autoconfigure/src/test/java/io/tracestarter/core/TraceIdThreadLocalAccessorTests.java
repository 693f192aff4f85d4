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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.context.ThreadLocalAccessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The accessor context-propagation uses to carry the id: it reads and writes the one
 * thread-local and the MDC together, tells the recorder only when an id really is
 * restored on a thread, and is known to the global registry without any code.
 */
class TraceIdThreadLocalAccessorTests {

	private final Restored restored = new Restored();

	private final TraceIdThreadLocalAccessor accessor = new TraceIdThreadLocalAccessor(this.restored);

	@AfterEach
	void clear() {
		TraceIdHolder.set(null);
		assertThat(MDC.get(TraceContext.MDC_KEY)).isNull();
	}

	@Test
	void itsKeyIsTheStartersContextKey() {
		assertThat(this.accessor.key()).isEqualTo(TraceContext.CONTEXT_KEY).isEqualTo("io.tracestarter.trace-id");
	}

	@Test
	void getValueReadsTheCurrentId() {
		assertThat(this.accessor.getValue()).isNull();
		try (TraceScope scope = TraceContext.open("read-me")) {
			assertThat(this.accessor.getValue()).isEqualTo("read-me");
		}
		assertThat(this.accessor.getValue()).isNull();
	}

	@Test
	void setValueWritesTheIdAndTheMdcAndTellsTheRecorder() {
		this.accessor.setValue("restored-1");
		assertThat(TraceContext.currentTraceId()).isEqualTo("restored-1");
		assertThat(MDC.get(TraceContext.MDC_KEY)).isEqualTo("restored-1");
		assertThat(this.restored.ids).containsExactly("restored-1");
		this.accessor.setValue("restored-2");
		assertThat(TraceContext.currentTraceId()).isEqualTo("restored-2");
		assertThat(MDC.get(TraceContext.MDC_KEY)).isEqualTo("restored-2");
		assertThat(this.restored.ids).containsExactly("restored-1", "restored-2");
	}

	@Test
	void settingTheIdTheThreadHasAlreadyIsNoRestore() {
		this.accessor.setValue("same");
		this.accessor.setValue("same");
		this.accessor.setValue("same");
		assertThat(this.restored.ids).containsExactly("same");
		assertThat(MDC.get(TraceContext.MDC_KEY)).isEqualTo("same");
	}

	@Test
	void anMdcClearedBehindItsBackIsRepaired() {
		this.accessor.setValue("repaired");
		MDC.clear();
		this.accessor.setValue("repaired");
		assertThat(MDC.get(TraceContext.MDC_KEY)).isEqualTo("repaired");
		assertThat(this.restored.ids).containsExactly("repaired", "repaired");
	}

	@Test
	void resettingClearsTheIdAndTheMdc() {
		this.accessor.setValue("to-clear");
		this.accessor.setValue();
		assertThat(TraceContext.currentTraceId()).isNull();
		assertThat(MDC.get(TraceContext.MDC_KEY)).isNull();
		// Resetting a clear thread is harmless.
		this.accessor.setValue();
		assertThat(TraceContext.currentTraceId()).isNull();
		assertThat(this.restored.ids).containsExactly("to-clear");
	}

	@Test
	void resettingAlsoRemovesAStaleMdcEntry() {
		MDC.put(TraceContext.MDC_KEY, "stale");
		this.accessor.setValue();
		assertThat(MDC.get(TraceContext.MDC_KEY)).isNull();
	}

	@Test
	void theGlobalRegistryKnowsItThroughServiceLoading() {
		List<ThreadLocalAccessor<?>> accessors = new ArrayList<>(
				ContextRegistry.getInstance().getThreadLocalAccessors());
		assertThat(accessors).filteredOn((accessor) -> TraceContext.CONTEXT_KEY.equals(accessor.key()))
			.singleElement()
			.isInstanceOf(TraceIdThreadLocalAccessor.class);
	}

	@Test
	void aSnapshotCarriesTheIdToAnotherThreadAndRestoresThatThreadAfterwards() throws Exception {
		ContextRegistry registry = new ContextRegistry().registerThreadLocalAccessor(this.accessor);
		ContextSnapshotFactory factory = ContextSnapshotFactory.builder().contextRegistry(registry).build();
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			executor.submit(() -> TraceIdHolder.set("worker-own")).get(10, TimeUnit.SECONDS);
			ContextSnapshot snapshot;
			try (TraceScope scope = TraceContext.open("carried")) {
				snapshot = factory.captureAll();
			}
			CompletableFuture<String> inside = new CompletableFuture<>();
			executor.submit(snapshot.wrap(() -> inside.complete(MDC.get(TraceContext.MDC_KEY))))
				.get(10, TimeUnit.SECONDS);
			assertThat(inside.get()).isEqualTo("carried");
			assertThat(executor.submit(TraceContext::currentTraceId).get(10, TimeUnit.SECONDS)).isEqualTo("worker-own");
			assertThat(executor.submit(() -> MDC.get(TraceContext.MDC_KEY)).get(10, TimeUnit.SECONDS))
				.isEqualTo("worker-own");
			// A snapshot taken without an id, with missing values cleared, clears it for
			// the task, then restores it.
			ContextSnapshot empty = ContextSnapshotFactory.builder()
				.contextRegistry(registry)
				.clearMissing(true)
				.build()
				.captureAll();
			CompletableFuture<String> none = new CompletableFuture<>();
			executor.submit(empty.wrap(() -> none.complete(String.valueOf(TraceContext.currentTraceId()))))
				.get(10, TimeUnit.SECONDS);
			assertThat(none.get()).isEqualTo("null");
			assertThat(executor.submit(TraceContext::currentTraceId).get(10, TimeUnit.SECONDS)).isEqualTo("worker-own");
			assertThat(this.restored.ids).contains("carried");
		}
		finally {
			executor.shutdownNow();
		}
	}

	private static final class Restored implements TraceHopRecorder {

		private final List<String> ids = new CopyOnWriteArrayList<>();

		@Override
		public void record(String traceId, Layer layer, HopEvent event) {
		}

		@Override
		public void restored(String traceId) {
			this.ids.add(traceId);
		}

	}

}
