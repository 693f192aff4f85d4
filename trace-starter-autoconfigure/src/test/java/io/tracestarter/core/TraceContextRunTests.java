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

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TraceContextRunTests {

	@Test
	void runMakesTheIdCurrentAndRestoresThePreviousOne() {
		List<String> seen = new ArrayList<>();
		try (TraceScope outer = TraceContext.open("outer")) {
			TraceContext.run("inner", () -> {
				seen.add(TraceContext.currentTraceId());
				seen.add(MDC.get(TraceContext.MDC_KEY));
			});
			assertThat(TraceContext.currentTraceId()).isEqualTo("outer");
			assertThat(MDC.get(TraceContext.MDC_KEY)).isEqualTo("outer");
		}
		assertThat(seen).containsExactly("inner", "inner");
		assertThat(TraceContext.currentTraceId()).isNull();
		assertThat(MDC.get(TraceContext.MDC_KEY)).isNull();
	}

	@Test
	void aThrowingTaskStillRestoresAndANullIdRunsWithoutOne() {
		assertThatIllegalStateException().isThrownBy(() -> TraceContext.run("failing", () -> {
			throw new IllegalStateException("task failed");
		}));
		assertThat(TraceContext.currentTraceId()).isNull();
		assertThat(MDC.get(TraceContext.MDC_KEY)).isNull();
		try (TraceScope scope = TraceContext.open("caller")) {
			TraceContext.run(null, () -> assertThat(MDC.get(TraceContext.MDC_KEY)).isNull());
			assertThat(MDC.get(TraceContext.MDC_KEY)).isEqualTo("caller");
		}
	}

	@Test
	void callReturnsTheResultUnderTheId() throws Exception {
		assertThat(TraceContext.call("called", TraceContext::currentTraceId)).isEqualTo("called");
		assertThat(TraceContext.currentTraceId()).isNull();
	}

}
