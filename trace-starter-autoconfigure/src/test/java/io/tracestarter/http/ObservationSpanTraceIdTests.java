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

package io.tracestarter.http;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The span's trace id is read from the observation in the Reactor context, with a real
 * Micrometer Tracing handler and OpenTelemetry tracer, without making it current.
 */
class ObservationSpanTraceIdTests {

	private final SdkTracerProvider provider = SdkTracerProvider.builder().build();

	private final OtelTracer tracer = new OtelTracer(
			OpenTelemetrySdk.builder().setTracerProvider(this.provider).build().getTracer("test"),
			new OtelCurrentTraceContext(), (event) -> {
			});

	@AfterEach
	void close() {
		this.provider.close();
	}

	@Test
	void theObservationsSpanGivesItsTraceId() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new DefaultTracingObservationHandler(this.tracer));
		Observation observation = Observation.start("exchange", registry);
		String read = ObservationSpanTraceId.of(Context.of(ObservationThreadLocalAccessor.KEY, observation));
		assertThat(this.tracer.currentSpan()).isNull();
		String current;
		try (Observation.Scope scope = observation.openScope()) {
			current = this.tracer.currentSpan().context().traceId();
		}
		observation.stop();
		assertThat(read).matches("[0-9a-f]{32}").isEqualTo(current);
	}

	@Test
	void noObservationOrNoSpanGivesNone() {
		assertThat(ObservationSpanTraceId.of(Context.empty())).isNull();
		assertThat(ObservationSpanTraceId.of(Context.of(ObservationThreadLocalAccessor.KEY, "not an observation")))
			.isNull();
		ObservationRegistry withoutTracing = ObservationRegistry.create();
		withoutTracing.observationConfig().observationHandler((context) -> true);
		Observation observation = Observation.start("exchange", withoutTracing);
		assertThat(ObservationSpanTraceId.of(Context.of(ObservationThreadLocalAccessor.KEY, observation))).isNull();
		observation.stop();
	}

}
