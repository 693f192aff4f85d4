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

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one outbound path, on a plain map as the carrier.
 */
class OutboundPropagationTests {

	private static final OutboundSetter<Map<String, String>> MAP = new OutboundSetter<>() {

		@Override
		public boolean isSet(Map<String, String> carrier) {
			return carrier.containsKey("X-Trace-ID");
		}

		@Override
		public void set(Map<String, String> carrier, String traceId) {
			carrier.put("X-Trace-ID", traceId);
		}

		@Override
		public void setSampledOut(Map<String, String> carrier) {
			carrier.put(RequestSampling.SAMPLED_HEADER, RequestSampling.SAMPLED_OUT);
		}

		@Override
		public boolean hasTraceparent(Map<String, String> carrier) {
			return carrier.containsKey(W3cTraceContext.TRACEPARENT);
		}

		@Override
		public void setW3c(Map<String, String> carrier, String traceparent, String tracestate) {
			carrier.put(W3cTraceContext.TRACEPARENT, traceparent);
			if (!tracestate.isEmpty()) {
				carrier.put(W3cTraceContext.TRACESTATE, tracestate);
			}
		}

	};

	private final TraceMetrics metrics = new TraceMetrics();

	private final RecordingHops hops = new RecordingHops();

	private final OutboundPropagation outbound = new OutboundPropagation(this.metrics, this.hops);

	@Test
	void theCurrentIdIsSentCountedAndRecorded() {
		Map<String, String> carrier = new HashMap<>();
		try (TraceScope scope = TraceContext.open("out-1")) {
			assertThat(this.outbound.inject(Layer.GRPC, carrier, MAP)).isEqualTo("out-1");
		}
		assertThat(carrier).containsEntry("X-Trace-ID", "out-1");
		assertThat(this.metrics.count(TraceMetrics.PROPAGATED, Layer.GRPC, null)).isOne();
		assertThat(this.hops.hops()).containsExactly("out-1 grpc out");
	}

	@Test
	void anIdTheCallerSetIsLeftAlone() {
		Map<String, String> carrier = new HashMap<>(Map.of("X-Trace-ID", "callers"));
		try (TraceScope scope = TraceContext.open("out-2")) {
			assertThat(this.outbound.inject(Layer.HTTP, carrier, MAP)).isNull();
		}
		assertThat(carrier).containsEntry("X-Trace-ID", "callers");
		assertThat(this.metrics.count(TraceMetrics.PROPAGATED, Layer.HTTP, null)).isZero();
		assertThat(this.hops.hops()).isEmpty();
	}

	@Test
	void withoutACurrentIdNothingIsSent() {
		Map<String, String> carrier = new HashMap<>();
		assertThat(this.outbound.inject(Layer.KAFKA, carrier, MAP)).isNull();
		assertThat(carrier).isEmpty();
	}

	@Test
	void withoutMetricsTheIdIsStillSent() {
		Map<String, String> carrier = new HashMap<>();
		new OutboundPropagation(null, TraceHopRecorder.none()).inject(Layer.KAFKA, carrier, MAP, "out-3");
		assertThat(carrier).containsEntry("X-Trace-ID", "out-3");
	}

	@ParameterizedTest
	@ValueSource(strings = { "bad\r\nX-Injected: 1", "caf\u00e9", "has space", "" })
	void anIdThatBreaksTheRulesIsWithheldAndCounted(String id) {
		Map<String, String> carrier = new HashMap<>();
		// TraceScope does not validate: the path of a Reactor context the application
		// wrote.
		try (TraceScope scope = TraceScope.open(id)) {
			assertThat(this.outbound.inject(Layer.HTTP, carrier, MAP)).isNull();
		}
		assertThat(carrier).isEmpty();
		assertThat(this.metrics.count(TraceMetrics.WITHHELD, Layer.HTTP, null)).isOne();
		assertThat(this.metrics.count(TraceMetrics.PROPAGATED, Layer.HTTP, null)).isZero();
		assertThat(this.hops.hops()).isEmpty();
	}

	@Test
	void anIdLongerThanThePublishedLimitIsWithheld() {
		Map<String, String> carrier = new HashMap<>();
		try {
			ApplicationIds.use(new TraceIdValidator(8));
			assertThat(this.outbound.inject(Layer.GRPC, carrier, MAP, "123456789")).isNull();
			assertThat(this.outbound.inject(Layer.GRPC, carrier, MAP, "12345678")).isEqualTo("12345678");
		}
		finally {
			ApplicationIds.use(new TraceIdValidator(ApplicationIds.DEFAULT_MAX_LENGTH));
		}
		assertThat(this.metrics.count(TraceMetrics.WITHHELD, Layer.GRPC, "too_long")).isOne();
	}

	@Test
	void aSampledOutTraceCarriesItsDecision() {
		RequestSampling sampling = new RequestSampling() {

			@Override
			public Request begin(String traceId, Kind kind, String name) {
				return Request.NONE;
			}

			@Override
			public boolean isSampledOut(String traceId) {
				return traceId.equals("dropped");
			}

		};
		OutboundPropagation outbound = new OutboundPropagation(this.metrics, this.hops, sampling);
		Map<String, String> dropped = new HashMap<>();
		Map<String, String> kept = new HashMap<>();
		outbound.inject(Layer.KAFKA, dropped, MAP, "dropped");
		outbound.inject(Layer.KAFKA, kept, MAP, "kept");
		assertThat(dropped).containsEntry(RequestSampling.SAMPLED_HEADER, "0").containsEntry("X-Trace-ID", "dropped");
		assertThat(kept).doesNotContainKey(RequestSampling.SAMPLED_HEADER);
	}

	@Test
	void withoutW3cParticipationNoTraceparentIsSent() {
		Map<String, String> carrier = new HashMap<>();
		try (TraceScope scope = TraceContext.open("0af7651916cd43dd8448eb211c80319c")) {
			this.outbound.inject(Layer.HTTP, carrier, MAP);
		}
		assertThat(carrier).containsOnlyKeys("X-Trace-ID");
	}

	@Test
	void theCurrentW3cContextIsSentWithASpanIdPerCall() {
		W3cParticipation.use(true, true);
		try {
			W3cTraceContext w3c = new W3cTraceContext("4bf92f3577b34da6a3ce929d0e0e4736", 0x01, "congo=t61rcWkgMzE");
			Map<String, String> first = new HashMap<>();
			Map<String, String> second = new HashMap<>();
			try (TraceScope scope = TraceScope.open("order-7", w3c)) {
				this.outbound.inject(Layer.HTTP, first, MAP);
				this.outbound.inject(Layer.HTTP, second, MAP);
			}
			assertThat(first).containsEntry("X-Trace-ID", "order-7")
				.containsEntry(W3cTraceContext.TRACESTATE, "congo=t61rcWkgMzE");
			assertThat(first.get(W3cTraceContext.TRACEPARENT))
				.matches("00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01");
			assertThat(second.get(W3cTraceContext.TRACEPARENT)).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-")
				.isNotEqualTo(first.get(W3cTraceContext.TRACEPARENT));
		}
		finally {
			W3cParticipation.use(false, true);
		}
	}

	@Test
	void aTraceparentTheCallerSetIsLeftAloneAndACallersIdDoesNotStopIt() {
		W3cParticipation.use(true, true);
		try {
			Map<String, String> callersParent = new HashMap<>();
			callersParent.put(W3cTraceContext.TRACEPARENT, "00-11111111111111111111111111111111-2222222222222222-00");
			Map<String, String> callersId = new HashMap<>();
			callersId.put("X-Trace-ID", "callers-own");
			try (TraceScope scope = TraceContext.open("0af7651916cd43dd8448eb211c80319c")) {
				this.outbound.inject(Layer.GRPC, callersParent, MAP);
				this.outbound.inject(Layer.GRPC, callersId, MAP);
			}
			assertThat(callersParent).containsEntry(W3cTraceContext.TRACEPARENT,
					"00-11111111111111111111111111111111-2222222222222222-00");
			assertThat(callersId).containsEntry("X-Trace-ID", "callers-own");
			assertThat(callersId.get(W3cTraceContext.TRACEPARENT))
				.matches("00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01");
		}
		finally {
			W3cParticipation.use(false, true);
		}
	}

	@Test
	void workWithoutAW3cContextSendsOneDerivedTraceIdOnEveryCall() {
		W3cParticipation.use(true, false);
		try {
			Map<String, String> first = new HashMap<>();
			Map<String, String> second = new HashMap<>();
			try (TraceScope scope = TraceScope.open("order-7")) {
				this.outbound.inject(Layer.KAFKA, first, MAP);
				this.outbound.inject(Layer.KAFKA, second, MAP);
			}
			String traceId = W3cParticipation.w3cTraceId("order-7");
			assertThat(traceId).matches("[0-9a-f]{32}");
			assertThat(first.get(W3cTraceContext.TRACEPARENT)).matches("00-" + traceId + "-[0-9a-f]{16}-00");
			assertThat(second.get(W3cTraceContext.TRACEPARENT)).startsWith("00-" + traceId + "-");
			assertThat(first).doesNotContainKey(W3cTraceContext.TRACESTATE);
		}
		finally {
			W3cParticipation.use(false, true);
		}
	}

}
