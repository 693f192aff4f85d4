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
