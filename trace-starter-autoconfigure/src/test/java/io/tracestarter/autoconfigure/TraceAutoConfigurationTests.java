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

package io.tracestarter.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.tracestarter.core.InboundSource;
import io.tracestarter.core.Layer;
import io.tracestarter.core.TraceIdGenerator;
import io.tracestarter.core.TraceIdResolver;
import io.tracestarter.core.TraceIdValidator;
import io.tracestarter.core.TraceMetrics;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class TraceAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TraceAutoConfiguration.class));

	@Test
	void providesTheCoreWithDefaults() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(TraceIdResolver.class).hasSingleBean(TraceMetrics.class);
			assertThat(context.getBean(TraceIdValidator.class).getMaxLength()).isEqualTo(128);
			assertThat(context.getBean(TraceIdResolver.class).getSources()).extracting(InboundSource::toString)
				.containsExactly("header:X-Trace-ID", "traceparent", "header:X-Request-ID", "query:trace_id");
		});
	}

	@Test
	void bindsSourcesAndMaxLength() {
		this.contextRunner
			.withPropertyValues("trace.id.max-length=64", "trace.id.sources=header:X-Correlation-ID,traceparent")
			.run((context) -> {
				assertThat(context.getBean(TraceIdValidator.class).getMaxLength()).isEqualTo(64);
				assertThat(context.getBean(TraceIdResolver.class).getSources()).extracting(InboundSource::toString)
					.containsExactly("header:X-Correlation-ID", "traceparent");
			});
	}

	@Test
	void badSourceFailsStartupNamingTheKey() {
		this.contextRunner.withPropertyValues("trace.id.sources=cookie:id").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("'header:<name>', 'query:<name>' or 'traceparent'");
			assertThat(context.getStartupFailure()).hasStackTraceContaining("trace.id.sources");
		});
	}

	@Test
	void badMaxLengthFailsStartupNamingTheKey() {
		this.contextRunner.withPropertyValues("trace.id.max-length=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessage("trace.id.max-length must be between 1 and 1024");
		});
	}

	@Test
	void turnedOffByTraceEnabled() {
		this.contextRunner.withPropertyValues("trace.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TraceIdResolver.class));
	}

	@Test
	void backsOffFromUserBeans() {
		TraceIdGenerator generator = () -> "mine";
		TraceMetrics metrics = new TraceMetrics();
		this.contextRunner.withBean(TraceIdGenerator.class, () -> generator)
			.withBean(TraceMetrics.class, () -> metrics)
			.run((context) -> {
				assertThat(context.getBean(TraceMetrics.class)).isSameAs(metrics);
				assertThat(context.getBean(TraceIdResolver.class).generate(Layer.HTTP).traceId()).isEqualTo("mine");
			});
	}

	@Test
	void generatesTheCurrentSpansTraceIdWhenMicrometerTracingIsPresent() {
		SdkTracerProvider provider = SdkTracerProvider.builder().build();
		try {
			Tracer tracer = new OtelTracer(
					OpenTelemetrySdk.builder().setTracerProvider(provider).build().getTracer("test"),
					new OtelCurrentTraceContext(), (event) -> {
					});
			this.contextRunner.withBean(Tracer.class, () -> tracer).run((context) -> {
				assertThat(context).hasSingleBean(SpanTraceIdGenerator.class);
				TraceIdResolver resolver = context.getBean(TraceIdResolver.class);
				Span span = tracer.nextSpan().name("request").start();
				try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
					assertThat(span.context().traceId()).matches("[0-9a-f]{32}");
					assertThat(resolver.generate(Layer.HTTP).traceId()).isEqualTo(span.context().traceId());
				}
				finally {
					span.end();
				}
				// No span is current any more: a fresh random id, not the last span's.
				String outside = resolver.generate(Layer.HTTP).traceId();
				assertThat(outside).matches("[0-9a-f]{32}").isNotEqualTo(span.context().traceId());
			});
		}
		finally {
			provider.close();
		}
	}

	@Test
	void worksWithoutMicrometerTracing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Tracer.class)).run((context) -> {
			assertThat(context).doesNotHaveBean(SpanTraceIdGenerator.class);
			assertThat(context.getBean(TraceIdResolver.class).generate(Layer.HTTP).traceId()).matches("[0-9a-f]{32}");
		});
	}

	@Test
	void publishesCountersToTheMeterRegistry() {
		this.contextRunner.run((context) -> {
			TraceMetrics metrics = context.getBean(TraceMetrics.class);
			metrics.generated(Layer.HTTP);
			MeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(TraceMetricsMeterBinder.class).bindTo(registry);
			metrics.rejected(Layer.HTTP, io.tracestarter.core.RejectionReason.TOO_LONG);
			metrics.rejected(Layer.HTTP, io.tracestarter.core.RejectionReason.TOO_LONG);
			assertThat(registry.get(TraceMetrics.NAME)
				.tag("layer", "http")
				.tag("outcome", "generated")
				.functionCounter()
				.count()).isEqualTo(1);
			assertThat(registry.get(TraceMetrics.NAME)
				.tag("outcome", "rejected")
				.tag("reason", "too_long")
				.functionCounter()
				.count()).isEqualTo(2);
		});
	}

	@Test
	void worksWithoutMicrometerMetrics() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class)).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(TraceMetricsMeterBinder.class);
			assertThat(context).hasSingleBean(TraceIdResolver.class);
		});
	}

}
