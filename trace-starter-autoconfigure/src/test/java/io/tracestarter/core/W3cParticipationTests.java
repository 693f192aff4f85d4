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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import io.tracestarter.core.TraceIdResolver.ResolvedTraceId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one inbound unit of work keeps of W3C Trace Context, on a carrier of repeated
 * headers.
 */
class W3cParticipationTests {

	private static final String PARENT_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String TRACEPARENT = "00-" + PARENT_TRACE + "-00f067aa0ba902b7-01";

	private static final ResolvedTraceId FROM_TRACEPARENT = new ResolvedTraceId(PARENT_TRACE,
			InboundSource.of("traceparent"), null);

	private static final BooleanSupplier NOT_ASKED = () -> {
		throw new AssertionError("trust asked again");
	};

	private final Map<String, List<String>> headers = new LinkedHashMap<>();

	private final InboundGetter<Map<String, List<String>>> getter = new InboundGetter<>() {

		@Override
		public String get(Map<String, List<String>> carrier, InboundSource source) {
			List<String> values = carrier.get(source.name());
			return (values != null) ? values.get(0) : null;
		}

		@Override
		public List<String> all(Map<String, List<String>> carrier, InboundSource source) {
			return carrier.getOrDefault(source.name(), List.of());
		}

	};

	@BeforeEach
	void participate() {
		W3cParticipation.use(true, true);
	}

	@AfterEach
	void stop() {
		W3cParticipation.use(false, true);
	}

	@Test
	void itsAccessorIsRegisteredOnlyWhileOn() {
		assertThat(accessorKeys()).contains(W3cTraceContext.CONTEXT_KEY);
		W3cParticipation.use(false, true);
		assertThat(accessorKeys()).doesNotContain(W3cTraceContext.CONTEXT_KEY).contains(TraceContext.CONTEXT_KEY);
	}

	private static List<Object> accessorKeys() {
		return ContextRegistry.getInstance().getThreadLocalAccessors().stream().map(ThreadLocalAccessor::key).toList();
	}

	@Test
	void offMeansNoContext() {
		W3cParticipation.use(false, true);
		add("traceparent", TRACEPARENT);
		assertThat(W3cParticipation.inbound(this.headers, this.getter, FROM_TRACEPARENT, NOT_ASKED)).isNull();
		assertThat(W3cParticipation.started(PARENT_TRACE)).isNull();
		assertThat(W3cParticipation.outbound(null, PARENT_TRACE)).isNull();
	}

	@Test
	void aValidTraceparentIsContinuedWithASpanIdOfOurOwn() {
		add("traceparent", TRACEPARENT);
		W3cTraceContext w3c = W3cParticipation.inbound(this.headers, this.getter, FROM_TRACEPARENT, NOT_ASKED);
		assertThat(w3c.traceId()).isEqualTo(PARENT_TRACE);
		assertThat(w3c.spanId()).matches("[0-9a-f]{16}").isNotEqualTo("00f067aa0ba902b7").isNotEqualTo("0".repeat(16));
		assertThat(w3c.isSampled()).isTrue();
		assertThat(w3c.tracestate()).isEmpty();
		assertThat(w3c.traceparentForCall()).matches("00-" + PARENT_TRACE + "-[0-9a-f]{16}-01")
			.isNotEqualTo(w3c.traceparentForCall());
		assertThat(w3c).hasToString("00-" + PARENT_TRACE + "-" + w3c.spanId() + "-01");
	}

	@Test
	void aTraceparentContinuesTheTraceOfItsTraceIdOnly() {
		W3cParticipation.use(false, true);
		assertThat(W3cParticipation.continues(TRACEPARENT, PARENT_TRACE)).isTrue();
		assertThat(W3cParticipation.continues(" " + TRACEPARENT + "\t", PARENT_TRACE)).isTrue();
		assertThat(W3cParticipation.continues(TRACEPARENT, "0af7651916cd43dd8448eb211c80319c")).isFalse();
		assertThat(W3cParticipation.continues(TRACEPARENT.replace("-01", "-0"), PARENT_TRACE)).isFalse();
		assertThat(W3cParticipation.continues("ff" + TRACEPARENT.substring(2), PARENT_TRACE)).isFalse();
		assertThat(W3cParticipation.continues(null, PARENT_TRACE)).isFalse();
	}

	@Test
	void theFlagsAreKeptAsReceivedExceptBitsNoLevelDefines() {
		assertThat(flagsSentFor("00")).isEqualTo("00");
		assertThat(flagsSentFor("01")).isEqualTo("01");
		assertThat(flagsSentFor("03")).isEqualTo("03");
		assertThat(flagsSentFor("ff")).isEqualTo("03");
	}

	@Test
	void theTracestateHeadersAreCombinedAndSentOn() {
		add("traceparent", TRACEPARENT);
		add("tracestate", "rojo=00f067aa0ba902b7");
		add("tracestate", "congo=t61rcWkgMzE");
		W3cTraceContext w3c = W3cParticipation.inbound(this.headers, this.getter, FROM_TRACEPARENT, NOT_ASKED);
		assertThat(w3c.tracestate()).isEqualTo("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
	}

	@Test
	void twoTraceparentHeadersStartATraceAndDropTheTracestate() {
		add("traceparent", TRACEPARENT);
		add("traceparent", "00-" + "1".repeat(32) + "-00f067aa0ba902b7-01");
		add("tracestate", "rojo=1");
		ResolvedTraceId generated = new ResolvedTraceId("0af7651916cd43dd8448eb211c80319c", null, null);
		W3cTraceContext w3c = W3cParticipation.inbound(this.headers, this.getter, generated, () -> true);
		assertThat(w3c.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
		assertThat(w3c.tracestate()).isEmpty();
	}

	@Test
	void twoTraceparentHeadersDoNotLendTheFirstTraceIdToTheNewTrace() {
		add("traceparent", TRACEPARENT);
		add("traceparent", "00-" + "1".repeat(32) + "-00f067aa0ba902b7-01");
		W3cTraceContext w3c = W3cParticipation.inbound(this.headers, this.getter, FROM_TRACEPARENT, NOT_ASKED);
		assertThat(w3c.traceId()).matches("[0-9a-f]{32}").isNotEqualTo(PARENT_TRACE).isNotEqualTo("1".repeat(32));
	}

	@Test
	void anInvalidTraceparentStartsATraceAndATracestateAloneIsDropped() {
		add("traceparent", "00-" + "0".repeat(32) + "-00f067aa0ba902b7-01");
		add("tracestate", "rojo=1");
		ResolvedTraceId generated = new ResolvedTraceId("0af7651916cd43dd8448eb211c80319c", null, null);
		W3cTraceContext w3c = W3cParticipation.inbound(this.headers, this.getter, generated, () -> true);
		assertThat(w3c.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
		assertThat(w3c.tracestate()).isEmpty();
		assertThat(w3c.isSampled()).isTrue();
	}

	@Test
	void anUntrustedPeersTraceparentIsNotContinued() {
		add("traceparent", TRACEPARENT);
		add("tracestate", "rojo=1");
		ResolvedTraceId replaced = new ResolvedTraceId("0af7651916cd43dd8448eb211c80319c", null, PARENT_TRACE);
		W3cTraceContext w3c = W3cParticipation.inbound(this.headers, this.getter, replaced, () -> false);
		assertThat(w3c.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
		assertThat(w3c.tracestate()).isEmpty();
	}

	@Test
	void aTraceparentThatIsNoIdSourceIsContinuedOnlyFromATrustedPeer() {
		add("traceparent", TRACEPARENT);
		ResolvedTraceId generated = new ResolvedTraceId("0af7651916cd43dd8448eb211c80319c", null, null);
		assertThat(W3cParticipation.inbound(this.headers, this.getter, generated, () -> true).traceId())
			.isEqualTo(PARENT_TRACE);
		assertThat(W3cParticipation.inbound(this.headers, this.getter, generated, () -> false).traceId())
			.isEqualTo("0af7651916cd43dd8448eb211c80319c");
	}

	@Test
	void theTraceIdOfAStartedTraceIsTheIdWhenItHasTheShapeElseDerivedFromIt() {
		assertThat(W3cParticipation.started(PARENT_TRACE).traceId()).isEqualTo(PARENT_TRACE);
		String derived = W3cParticipation.started("order-7").traceId();
		assertThat(derived).matches("[0-9a-f]{32}").isEqualTo(W3cParticipation.started("order-7").traceId());
		assertThat(W3cParticipation.started("order-8").traceId()).isNotEqualTo(derived);
		assertThat(W3cParticipation.started("0".repeat(32)).traceId()).isNotEqualTo("0".repeat(32))
			.matches("[0-9a-f]{32}");
	}

	@Test
	void aStartedTraceIsSentAsSampledOrNotAsConfigured() {
		assertThat(W3cParticipation.started("order-7").traceparentForCall()).endsWith("-01");
		W3cParticipation.use(true, false);
		assertThat(W3cParticipation.started("order-7").traceparentForCall()).endsWith("-00");
	}

	@Test
	void spanIdsAreNewEachTime() {
		List<String> spans = new ArrayList<>();
		W3cTraceContext w3c = W3cParticipation.started(PARENT_TRACE);
		for (int i = 0; i < 100; i++) {
			spans.add(w3c.traceparentForCall().substring(36, 52));
		}
		assertThat(spans).doesNotHaveDuplicates().allMatch((span) -> span.matches("[0-9a-f]{16}"));
	}

	private String flagsSentFor(String flags) {
		this.headers.clear();
		add("traceparent", "00-" + PARENT_TRACE + "-00f067aa0ba902b7-" + flags);
		W3cTraceContext w3c = W3cParticipation.inbound(this.headers, this.getter, FROM_TRACEPARENT, NOT_ASKED);
		String traceparent = w3c.traceparentForCall();
		return traceparent.substring(traceparent.length() - 2);
	}

	private void add(String name, String value) {
		this.headers.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
	}

}
