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

import java.util.List;
import java.util.Map;

import io.tracestarter.core.TraceIdResolver.ResolvedTraceId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TraceIdResolverTests {

	private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

	private final TraceMetrics metrics = new TraceMetrics();

	private final TraceIdResolver resolver = new TraceIdResolver(
			List.of(InboundSource.of("header:X-Trace-ID"), InboundSource.of("traceparent"),
					InboundSource.of("header:X-Request-ID"), InboundSource.of("query:trace_id")),
			new TraceIdValidator(128), () -> "generated-id", this.metrics);

	private ResolvedTraceId resolve(Map<String, String> values) {
		return this.resolver.resolve(Layer.HTTP, (source) -> values.get(source.toString()));
	}

	@Test
	void firstValidSourceWinsAndIsKeptExactlyAsSent() {
		ResolvedTraceId resolved = resolve(Map.of("header:X-Trace-ID", "abc123", "traceparent", TRACEPARENT));
		assertThat(resolved.traceId()).isEqualTo("abc123");
		assertThat(resolved.isInbound()).isTrue();
		assertThat(this.metrics.count(TraceMetrics.EXTRACTED, Layer.HTTP, "header:X-Trace-ID")).isEqualTo(1);
	}

	@Test
	void aValidW3cShapedXTraceIdIsKeptAsIs() {
		assertThat(resolve(Map.of("header:X-Trace-ID", "0af7651916cd43dd8448eb211c80319c", "traceparent", TRACEPARENT))
			.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
	}

	@Test
	void rejectedValueIsCountedAndTheNextSourceIsTried() {
		ResolvedTraceId resolved = resolve(
				Map.of("header:X-Trace-ID", "bad id\r\nX-Injected: 1", "traceparent", TRACEPARENT));
		assertThat(resolved.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(this.metrics.count(TraceMetrics.REJECTED, Layer.HTTP, "forbidden_character")).isEqualTo(1);
		assertThat(this.metrics.count(TraceMetrics.EXTRACTED, Layer.HTTP, "traceparent")).isEqualTo(1);
	}

	@Test
	void invalidTraceparentFallsThroughToRequestIdThenQuery() {
		assertThat(resolve(Map.of("traceparent", "ff-" + TRACEPARENT.substring(3), "header:X-Request-ID", "req-1"))
			.traceId()).isEqualTo("req-1");
		assertThat(resolve(Map.of("query:trace_id", "from-query")).traceId()).isEqualTo("from-query");
		assertThat(this.metrics.count(TraceMetrics.REJECTED, Layer.HTTP, "invalid_traceparent")).isEqualTo(1);
	}

	@Test
	void nothingValidGeneratesAndCounts() {
		ResolvedTraceId resolved = resolve(Map.of("header:X-Trace-ID", "", "header:X-Request-ID", "x".repeat(129)));
		assertThat(resolved.traceId()).isEqualTo("generated-id");
		assertThat(resolved.isInbound()).isFalse();
		assertThat(this.metrics.count(TraceMetrics.GENERATED, Layer.HTTP, null)).isEqualTo(1);
		assertThat(this.metrics.count(TraceMetrics.REJECTED, Layer.HTTP, "empty")).isEqualTo(1);
		assertThat(this.metrics.count(TraceMetrics.REJECTED, Layer.HTTP, "too_long")).isEqualTo(1);
	}

	@Test
	void anUntrustedPeersIdIsReplacedKeptApartAndCounted() {
		ResolvedTraceId resolved = this.resolver.resolve(Layer.HTTP,
				(source) -> source.toString().equals("header:X-Trace-ID") ? "customer-ref-1" : null, () -> false);
		assertThat(resolved.traceId()).matches("[0-9a-f]{32}");
		assertThat(resolved.isInbound()).isFalse();
		assertThat(resolved.untrustedInbound()).isEqualTo("customer-ref-1");
		assertThat(this.metrics.count(TraceMetrics.REJECTED, Layer.HTTP, "untrusted")).isEqualTo(1);
		assertThat(this.metrics.count(TraceMetrics.EXTRACTED, Layer.HTTP, null)).isZero();
		// An invalid value from an untrusted peer is not kept at all.
		assertThat(this.resolver.resolve(Layer.HTTP, (source) -> "bad value", () -> false).untrustedInbound()).isNull();
	}

	@Test
	void countersNeverHoldTheRejectedValue() {
		resolve(Map.of("header:X-Trace-ID", "secret\"value"));
		assertThat(this.metrics.snapshot().keySet())
			.allSatisfy((counter) -> assertThat(counter.toString()).doesNotContain("secret"));
	}

	@Test
	void randomIdsAreThirtyTwoLowercaseHexAndDistinct() {
		java.util.Set<String> ids = new java.util.HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			String id = TraceIdGenerator.randomHex();
			assertThat(id).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
			ids.add(id);
		}
		assertThat(ids).hasSize(10_000);
	}

}
