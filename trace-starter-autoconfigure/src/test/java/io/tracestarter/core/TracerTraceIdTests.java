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

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tracer's id from the MDC answers for a thread with no id of the starter's, only
 * while reading is switched on.
 */
class TracerTraceIdTests {

	private static final String TRACER_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	@AfterEach
	void clearMdc() {
		MDC.clear();
	}

	@Test
	void theTracersIdIsNotReadUnlessSwitchedOn() {
		MDC.put(TracerTraceId.MDC_KEY, TRACER_ID);
		assertThat(TraceContext.currentTraceId()).isNull();
	}

	@Test
	void whileSwitchedOnTheTracersIdAnswersForAThreadWithoutOurs() {
		MDC.put(TracerTraceId.MDC_KEY, TRACER_ID);
		try (TracerTraceId reading = TracerTraceId.readFromMdc()) {
			assertThat(TraceContext.currentTraceId()).isEqualTo(TRACER_ID);
			try (TraceScope scope = TraceContext.open("own-1")) {
				assertThat(TraceContext.currentTraceId()).isEqualTo("own-1");
			}
			assertThat(TraceContext.currentTraceId()).isEqualTo(TRACER_ID);
		}
		assertThat(TraceContext.currentTraceId()).isNull();
	}

	@Test
	void aThreadWithoutTheTracersIdHasNone() {
		try (TracerTraceId reading = TracerTraceId.readFromMdc()) {
			assertThat(TraceContext.currentTraceId()).isNull();
		}
	}

	@Test
	void anAllZeroOrEmptyTracerIdIsNotTaken() {
		try (TracerTraceId reading = TracerTraceId.readFromMdc()) {
			MDC.put(TracerTraceId.MDC_KEY, "00000000000000000000000000000000");
			assertThat(TraceContext.currentTraceId()).isNull();
			MDC.put(TracerTraceId.MDC_KEY, "");
			assertThat(TraceContext.currentTraceId()).isNull();
		}
	}

	@Test
	void readingStaysOnUntilEveryHandleIsClosedAndClosingTwiceCountsOnce() {
		MDC.put(TracerTraceId.MDC_KEY, TRACER_ID);
		TracerTraceId first = TracerTraceId.readFromMdc();
		TracerTraceId second = TracerTraceId.readFromMdc();
		first.close();
		first.close();
		assertThat(TraceContext.currentTraceId()).isEqualTo(TRACER_ID);
		second.close();
		assertThat(TraceContext.currentTraceId()).isNull();
	}

}
