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

import io.tracestarter.core.InboundPropagation.Inbound;
import io.tracestarter.core.RequestSampling.Kind;
import io.tracestarter.core.RequestSampling.Request;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one inbound path, on a plain map as the carrier.
 */
class InboundPropagationTests {

	private static final InboundGetter<Map<String, String>> MAP = (carrier, source) -> carrier.get(source.name());

	private final TraceMetrics metrics = new TraceMetrics();

	private final RecordingHops hops = new RecordingHops();

	private final List<String> begun = new ArrayList<>();

	private final RequestSampling sampling = (traceId, kind, name) -> {
		this.begun.add(traceId + " " + kind + " " + name);
		return Request.NONE;
	};

	private final InboundPropagation inbound = new InboundPropagation(
			new TraceIdResolver(List.of(InboundSource.of("header:X-Trace-ID")), new TraceIdValidator(128),
					() -> "generated-1", this.metrics),
			InboundTrust.all(), this.hops, this.sampling);

	@Test
	void aValidInboundIdIsTakenRecordedAndSampled() {
		Inbound taken = this.inbound.extract(Layer.HTTP, Map.of("X-Trace-ID", "abc123"), MAP, () -> true,
				() -> "fallback", Kind.ROUTE, "/orders");
		assertThat(taken.traceId()).isEqualTo("abc123");
		assertThat(taken.resolved().isInbound()).isTrue();
		assertThat(this.hops.hops()).containsExactly("abc123 http in");
		assertThat(this.begun).containsExactly("abc123 ROUTE /orders");
		assertThat(this.metrics.count(TraceMetrics.EXTRACTED, Layer.HTTP, "header:X-Trace-ID")).isOne();
	}

	@Test
	void withoutAnIdTheFallbackMakesOne() {
		Inbound taken = this.inbound.extract(Layer.GRPC, Map.of(), MAP, () -> true, () -> "fallback-1",
				Kind.GRPC_METHOD, "svc/Method");
		assertThat(taken.traceId()).isEqualTo("fallback-1");
		assertThat(taken.resolved().isInbound()).isFalse();
		assertThat(this.hops.hops()).containsExactly("fallback-1 grpc in");
		assertThat(this.metrics.count(TraceMetrics.GENERATED, Layer.GRPC, null)).isOne();
	}

	@Test
	void anUntrustedPeersIdIsReplacedAndKeptApart() {
		Inbound taken = this.inbound.extract(Layer.HTTP, Map.of("X-Trace-ID", "theirs-1"), MAP, () -> false,
				() -> "fallback", Kind.ROUTE, "/");
		assertThat(taken.traceId()).isNotEqualTo("theirs-1").matches("[0-9a-f]{32}");
		assertThat(taken.resolved().untrustedInbound()).isEqualTo("theirs-1");
	}

	@Test
	void anInvalidIdIsRejectedAndNeverUsed() {
		Inbound taken = this.inbound.extract(Layer.KAFKA, Map.of("X-Trace-ID", "bad id\r\n"), MAP, () -> "derived-1");
		assertThat(taken.traceId()).isEqualTo("derived-1");
		assertThat(this.metrics.count(TraceMetrics.REJECTED, Layer.KAFKA, "forbidden_character")).isOne();
		assertThat(this.begun).as("no sampling without a kind").isEmpty();
		assertThat(taken.sampling()).isSameAs(Request.NONE);
	}

}
