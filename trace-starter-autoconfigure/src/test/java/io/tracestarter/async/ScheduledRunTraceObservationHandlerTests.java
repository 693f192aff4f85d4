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

package io.tracestarter.async;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.tracestarter.core.InboundSource;
import io.tracestarter.core.Layer;
import io.tracestarter.core.RecordingHops;
import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceIdGenerator;
import io.tracestarter.core.TraceIdResolver;
import io.tracestarter.core.TraceIdValidator;
import io.tracestarter.core.TraceMetrics;
import io.tracestarter.core.TraceScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.scheduling.support.ScheduledTaskObservationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Each observed {@code @Scheduled} run gets a fresh id for exactly the time its scope is
 * open, recorded as an async hop, and the thread's own id is back afterwards, also when
 * the run fails. Real Micrometer observations, and a real OpenTelemetry tracer where the
 * id must be the run's span's.
 */
class ScheduledRunTraceObservationHandlerTests {

	private final AtomicInteger generated = new AtomicInteger();

	private final TraceMetrics metrics = new TraceMetrics();

	private final RecordingHops hops = new RecordingHops();

	private final List<String> seen = new ArrayList<>();

	@AfterEach
	void noIdLeftOnTheTestThread() {
		assertThat(TraceContext.currentTraceId()).isNull();
		assertThat(MDC.get(TraceContext.MDC_KEY)).isNull();
	}

	@Test
	void supportsOnlyScheduledRuns() throws Exception {
		ScheduledRunTraceObservationHandler handler = handler(() -> "unused");
		assertThat(handler.supportsContext(scheduledRun())).isTrue();
		assertThat(handler.supportsContext(new Observation.Context())).isFalse();
	}

	@Test
	void eachRunGetsAFreshIdWhileItsScopeIsOpen() throws Exception {
		ObservationRegistry registry = registry(handler(() -> "run-" + this.generated.incrementAndGet()));
		for (int i = 0; i < 3; i++) {
			Observation.createNotStarted("tasks.scheduled.execution", this::scheduledRun, registry)
				.observe(() -> this.seen.add(TraceContext.currentTraceId() + " " + MDC.get(TraceContext.MDC_KEY)));
			assertThat(TraceContext.currentTraceId()).isNull();
		}
		assertThat(this.seen).containsExactly("run-1 run-1", "run-2 run-2", "run-3 run-3");
		assertThat(this.hops.hops()).containsExactly("run-1 async in", "run-2 async in", "run-3 async in");
		assertThat(this.metrics.count(TraceMetrics.GENERATED, Layer.ASYNC, null)).isEqualTo(3);
	}

	@Test
	void aRunNeverCarriesTheIdTheThreadHadAndGivesItBack() throws Exception {
		ObservationRegistry registry = registry(handler(() -> "fresh"));
		try (TraceScope request = TraceContext.open("request-id")) {
			Observation.createNotStarted("tasks.scheduled.execution", this::scheduledRun, registry)
				.observe(() -> this.seen.add(TraceContext.currentTraceId()));
			assertThat(TraceContext.currentTraceId()).isEqualTo("request-id");
			assertThat(MDC.get(TraceContext.MDC_KEY)).isEqualTo("request-id");
		}
		assertThat(this.seen).containsExactly("fresh");
	}

	@Test
	void aFailingRunStillEndsItsId() throws Exception {
		ObservationRegistry registry = registry(handler(() -> "failing-run"));
		assertThatIllegalStateException()
			.isThrownBy(() -> Observation.createNotStarted("tasks.scheduled.execution", this::scheduledRun, registry)
				.observe(() -> {
					this.seen.add(TraceContext.currentTraceId());
					throw new IllegalStateException("run failed");
				}));
		assertThat(this.seen).containsExactly("failing-run");
	}

	@Test
	void closingAScopeItNeverOpenedChangesNothing() throws Exception {
		ScheduledRunTraceObservationHandler handler = handler(() -> "unused");
		try (TraceScope scope = TraceContext.open("untouched")) {
			handler.onScopeClosed(scheduledRun());
			assertThat(TraceContext.currentTraceId()).isEqualTo("untouched");
		}
		assertThat(this.hops.hops()).isEmpty();
	}

	@Test
	void afterTheTracingHandlerTheIdIsTheRunsSpansTraceId() throws Exception {
		SdkTracerProvider provider = SdkTracerProvider.builder().build();
		try {
			Tracer tracer = new OtelTracer(
					OpenTelemetrySdk.builder().setTracerProvider(provider).build().getTracer("test"),
					new OtelCurrentTraceContext(), (event) -> {
					});
			TraceIdGenerator fromSpan = () -> {
				Span span = tracer.currentSpan();
				return (span != null) ? span.context().traceId() : "no-span";
			};
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig()
				.observationHandler(new DefaultTracingObservationHandler(tracer))
				.observationHandler(handler(fromSpan));
			List<String> spans = new ArrayList<>();
			Observation.createNotStarted("tasks.scheduled.execution", this::scheduledRun, registry).observe(() -> {
				this.seen.add(TraceContext.currentTraceId());
				spans.add(tracer.currentSpan().context().traceId());
			});
			assertThat(this.seen).singleElement().asString().matches("[0-9a-f]{32}");
			assertThat(this.seen).isEqualTo(spans);
		}
		finally {
			provider.close();
		}
	}

	private ScheduledRunTraceObservationHandler handler(TraceIdGenerator generator) {
		TraceIdResolver resolver = new TraceIdResolver(List.of(InboundSource.of("header:X-Trace-ID")),
				new TraceIdValidator(128), generator, this.metrics);
		return new ScheduledRunTraceObservationHandler(resolver, this.hops);
	}

	private static ObservationRegistry registry(ScheduledRunTraceObservationHandler handler) {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(handler);
		return registry;
	}

	private ScheduledTaskObservationContext scheduledRun() {
		try {
			Method method = ScheduledRunTraceObservationHandlerTests.class.getDeclaredMethod("scheduledRun");
			return new ScheduledTaskObservationContext(this, method);
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
