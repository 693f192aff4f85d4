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

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class TraceparentTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	@Test
	void readsTraceIdOfVersion00() {
		assertThat(Traceparent.traceId("00-" + TRACE_ID + "-00f067aa0ba902b7-01")).isEqualTo(TRACE_ID);
		assertThat(Traceparent.traceId("00-" + TRACE_ID + "-00f067aa0ba902b7-00")).isEqualTo(TRACE_ID);
	}

	@Test
	void parsesFutureVersionsByTheVersion00Layout() {
		assertThat(Traceparent.traceId("01-" + TRACE_ID + "-00f067aa0ba902b7-01")).isEqualTo(TRACE_ID);
		assertThat(Traceparent.traceId("cc-" + TRACE_ID + "-00f067aa0ba902b7-09-what-the-future-holds"))
			.isEqualTo(TRACE_ID);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
			"00-00000000000000000000000000000000-00f067aa0ba902b7-01",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
			"00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00F067AA0BA902B7-01",
			"0A-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
			"00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",
			"00-4bf92f3577b34da6a3ce929d0e0e47366-00f067aa0ba902b7-01",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
			"01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01extra",
			"00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1",
			"000-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
			"0-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
			".0-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-001",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01.",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b-01",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b77-01",
			"cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01.future",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\u000b",
			"\u00a000-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "", "00", "garbage" })
	void rejectsValuesTheW3cRulesRefuse(String value) {
		assertThat(Traceparent.traceId(value)).isNull();
	}

	@Test
	void refusesToScanHugeValues() {
		assertThat(Traceparent.traceId("01-" + TRACE_ID + "-00f067aa0ba902b7-01-" + "a".repeat(1024 * 1024))).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { " 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
			"\t00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 ",
			"\t 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 \t" })
	void ignoresTheOptionalWhiteSpaceAroundTheValue(String value) {
		assertThat(Traceparent.traceId(value)).isEqualTo(TRACE_ID);
		assertThat(Traceparent.parse(value)).isEqualTo(new Traceparent.Parts(TRACE_ID, "00f067aa0ba902b7", 0x01));
	}

	@Test
	void parsesParentIdAndFlags() {
		assertThat(Traceparent.parse("00-" + TRACE_ID + "-00f067aa0ba902b7-00"))
			.isEqualTo(new Traceparent.Parts(TRACE_ID, "00f067aa0ba902b7", 0x00));
		assertThat(Traceparent.parse("cc-" + TRACE_ID + "-00f067aa0ba902b7-ff-future"))
			.isEqualTo(new Traceparent.Parts(TRACE_ID, "00f067aa0ba902b7", 0xff));
		assertThat(Traceparent.parse("00-" + TRACE_ID + "-00f067aa0ba902b7-0g")).isNull();
	}

	@Test
	void knowsTheShapeOfATraceId() {
		assertThat(Traceparent.isTraceId(TRACE_ID)).isTrue();
		assertThat(Traceparent.isTraceId("0".repeat(32))).isFalse();
		assertThat(Traceparent.isTraceId(TRACE_ID.toUpperCase(Locale.ROOT))).isFalse();
		assertThat(Traceparent.isTraceId(TRACE_ID + "0")).isFalse();
	}

}
