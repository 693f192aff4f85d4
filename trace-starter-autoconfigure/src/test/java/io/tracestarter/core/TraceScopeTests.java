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

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TraceScopeTests {

	@AfterEach
	void noIdLeftOnTheTestThread() {
		assertThat(TraceContext.currentTraceId()).isNull();
		assertThat(MDC.get(TraceContext.MDC_KEY)).isNull();
	}

	@Test
	void scopeSetsIdAndMdcAndRestoresOnClose() {
		try (TraceScope scope = TraceContext.open("outer")) {
			assertThat(TraceContext.currentTraceId()).isEqualTo("outer");
			assertThat(MDC.get("trace_id")).isEqualTo("outer");
			try (TraceScope inner = TraceContext.open("inner")) {
				assertThat(MDC.get("trace_id")).isEqualTo("inner");
			}
			assertThat(MDC.get("trace_id")).isEqualTo("outer");
		}
	}

	@Test
	void sameIdNestedKeepsTheIdAndStillRepairsAClearedMdc() {
		try (TraceScope outer = TraceContext.open("same")) {
			try (TraceScope inner = TraceContext.open("same")) {
				assertThat(MDC.get("trace_id")).isEqualTo("same");
			}
			assertThat(TraceContext.currentTraceId()).isEqualTo("same");
			assertThat(MDC.get("trace_id")).isEqualTo("same");
			MDC.clear();
			try (TraceScope inner = TraceContext.open("same")) {
				assertThat(MDC.get("trace_id")).isEqualTo("same");
			}
		}
	}

	@Test
	void scopeRestoresAlsoWhenTheWorkFails() {
		assertThatIllegalStateException().isThrownBy(() -> {
			try (TraceScope scope = TraceContext.open("failing")) {
				throw new IllegalStateException("boom");
			}
		});
	}

	@Test
	void closingTwiceOrFromAnotherThreadChangesNothing() throws Exception {
		try (TraceScope outer = TraceContext.open("outer")) {
			TraceScope inner = TraceContext.open("inner");
			CompletableFuture.runAsync(inner::close).get(5, TimeUnit.SECONDS);
			assertThat(TraceContext.currentTraceId()).isEqualTo("inner");
			inner.close();
			inner.close();
			assertThat(TraceContext.currentTraceId()).isEqualTo("outer");
		}
	}

	@Test
	void contextPropagationCarriesTheIdThroughTheGlobalRegistry() throws Exception {
		assertThat(ContextRegistry.getInstance().getThreadLocalAccessors())
			.anyMatch((accessor) -> accessor.key().equals(TraceContext.CONTEXT_KEY));
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			ContextSnapshot snapshot;
			try (TraceScope scope = TraceContext.open("carried")) {
				snapshot = ContextSnapshotFactory.builder().build().captureAll();
			}
			String seen = executor.submit(snapshot.wrap(() -> MDC.get("trace_id"))).get(5, TimeUnit.SECONDS);
			String after = executor.submit(() -> MDC.get("trace_id")).get(5, TimeUnit.SECONDS);
			assertThat(seen).isEqualTo("carried");
			assertThat(after).isNull();
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void wrapRunsTheTaskUnderTheCapturedId() throws Exception {
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			Runnable task;
			String[] seen = new String[1];
			try (TraceScope scope = TraceContext.open("wrapped")) {
				task = TraceContext.wrap((Runnable) () -> seen[0] = TraceContext.currentTraceId());
			}
			executor.submit(task).get(5, TimeUnit.SECONDS);
			assertThat(seen[0]).isEqualTo("wrapped");
			assertThat(executor.submit(TraceContext::currentTraceId).get(5, TimeUnit.SECONDS)).isNull();
		}
		finally {
			executor.shutdownNow();
		}
	}

}
