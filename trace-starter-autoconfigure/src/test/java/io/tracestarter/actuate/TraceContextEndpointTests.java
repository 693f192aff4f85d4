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

package io.tracestarter.actuate;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import io.tracestarter.autoconfigure.TraceProperties;
import io.tracestarter.autoconfigure.TraceProperties.Http.ResponseHeader;
import io.tracestarter.core.HopEvent;
import io.tracestarter.core.InboundSource;
import io.tracestarter.core.Layer;
import io.tracestarter.core.RecentTraceHops;
import io.tracestarter.core.RejectionReason;
import io.tracestarter.core.TraceIdValidator;
import io.tracestarter.core.TraceMetrics;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.SecurityContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TraceContextEndpointTests {

	private final TraceMetrics metrics = new TraceMetrics();

	private final RecentTraceHops hops = new RecentTraceHops(10, 10);

	private final TraceContextEndpoint endpoint = new TraceContextEndpoint(new TraceProperties(),
			List.of(new TraceContextEndpoint.LayerState("http", "on")), this.metrics, this.hops, null,
			new TraceIdValidator(128), null);

	@Test
	void countersAreGroupedByLayer() {
		this.metrics.extracted(Layer.HTTP, InboundSource.of("header:X-Trace-ID"));
		this.metrics.generated(Layer.HTTP);
		this.metrics.rejected(Layer.HTTP, RejectionReason.TOO_LONG);
		this.metrics.propagated(Layer.ASYNC);
		TraceContextEndpoint.TraceContextDescriptor descriptor = this.endpoint.traceContext(SecurityContext.NONE);
		assertThat(descriptor.layers().get("http").getExtracted()).containsEntry("header:X-Trace-ID", 1L);
		assertThat(descriptor.layers().get("http").getGenerated()).isEqualTo(1);
		assertThat(descriptor.layers().get("http").getRejected()).containsEntry("too_long", 1L);
		assertThat(descriptor.layers().get("async").getPropagated()).isEqualTo(1);
		assertThat(descriptor.config().maxLength()).isEqualTo(128);
		assertThat(descriptor.breakPoints()).isNull();
	}

	@Test
	void layersShowOnlyTheCountersTheyCanMove() {
		TraceContextEndpoint endpoint = new TraceContextEndpoint(new TraceProperties(),
				Stream.of("http", "reactor", "async", "grpc", "kafka", "logging", "k8s", "sampling")
					.map((name) -> new TraceContextEndpoint.LayerState(name, "on"))
					.toList(),
				this.metrics, this.hops, null, new TraceIdValidator(128), null);
		Map<String, TraceContextEndpoint.LayerCounters> layers = endpoint.traceContext(SecurityContext.NONE).layers();
		assertThat(layers).containsOnlyKeys("http", "async", "grpc", "kafka");
		assertThat(layers.get("http")).satisfies((http) -> {
			assertThat(http.getExtracted()).isEmpty();
			assertThat(http.getGenerated()).isZero();
			assertThat(http.getRejected()).isEmpty();
			assertThat(http.getPropagated()).isZero();
			assertThat(http.getWithheld()).isEmpty();
		});
		assertThat(layers.get("async")).satisfies((async) -> {
			assertThat(async.getGenerated()).isZero();
			assertThat(async.getExtracted()).isNull();
			assertThat(async.getRejected()).isNull();
			assertThat(async.getPropagated()).isNull();
			assertThat(async.getWithheld()).isNull();
		});
	}

	@Test
	void settingsReadTheSameUnderATurkishLocale() {
		Locale locale = Locale.getDefault();
		Locale.setDefault(Locale.forLanguageTag("tr-TR"));
		try {
			TraceProperties properties = new TraceProperties();
			properties.getHttp().setResponseHeader(ResponseHeader.INBOUND);
			TraceContextEndpoint turkish = new TraceContextEndpoint(properties, List.of(), this.metrics, this.hops,
					null, new TraceIdValidator(128), null);
			assertThat(turkish.traceContext(SecurityContext.NONE).config().responseHeader()).isEqualTo("inbound");
		}
		finally {
			Locale.setDefault(locale);
		}
	}

	@Test
	void hopsOfAKnownIdUnknownIsNullInvalidIsRejected() {
		this.hops.record("known", Layer.HTTP, HopEvent.IN);
		assertThat(this.endpoint.hops("known").hops()).singleElement()
			.satisfies((hop) -> assertThat(hop.layer()).isEqualTo("http"));
		assertThat(this.endpoint.hops("unknown")).isNull();
		assertThatExceptionOfType(InvalidEndpointRequestException.class).isThrownBy(() -> this.endpoint.hops("a b\"c"))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("a b"));
	}

}
