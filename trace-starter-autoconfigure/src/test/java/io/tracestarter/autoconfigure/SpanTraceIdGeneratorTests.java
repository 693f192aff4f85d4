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

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.tracestarter.core.TraceIdGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A generated id is the current span's trace id, with a real OpenTelemetry tracer, so
 * logs and spans join up; without a current span it is random.
 */
class SpanTraceIdGeneratorTests {

	private final SdkTracerProvider provider = SdkTracerProvider.builder().build();

	private final Tracer tracer = new OtelTracer(
			OpenTelemetrySdk.builder().setTracerProvider(this.provider).build().getTracer("test"),
			new OtelCurrentTraceContext(), (event) -> {
			});

	@AfterEach
	void close() {
		this.provider.close();
	}

	@Test
	void theCurrentSpansTraceIdIsTheGeneratedId() {
		SpanTraceIdGenerator generator = generator(this.tracer);
		Span span = this.tracer.nextSpan().name("request").start();
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			assertThat(generator.generate()).isEqualTo(span.context().traceId()).matches("[0-9a-f]{32}");
		}
		finally {
			span.end();
		}
	}

	@Test
	void withoutACurrentSpanTheIdIsRandom() {
		SpanTraceIdGenerator generator = generator(this.tracer);
		String first = generator.generate();
		assertThat(first).matches("[0-9a-f]{32}");
		assertThat(generator.generate()).isNotEqualTo(first);
	}

	@Test
	void withoutATracerTheIdIsRandom() {
		assertThat(new SpanTraceIdGenerator(new DefaultListableBeanFactory().getBeanProvider(Tracer.class)).generate())
			.matches("[0-9a-f]{32}");
	}

	@Test
	void aTracersEmptyOrAllZeroTraceIdIsNotTaken() {
		assertThat(TraceIdGenerator.isUsableSpanTraceId("4bf92f3577b34da6a3ce929d0e0e4736")).isTrue();
		assertThat(TraceIdGenerator.isUsableSpanTraceId("463ac35c9f6413ad")).isTrue();
		assertThat(TraceIdGenerator.isUsableSpanTraceId(null)).isFalse();
		assertThat(TraceIdGenerator.isUsableSpanTraceId("")).isFalse();
		assertThat(TraceIdGenerator.isUsableSpanTraceId("0".repeat(32))).isFalse();
		assertThat(generator(this.tracer).generatesCurrentSpanTraceId()).isTrue();
	}

	private static SpanTraceIdGenerator generator(Tracer tracer) {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerSingleton("tracer", tracer);
		return new SpanTraceIdGenerator(beanFactory.getBeanProvider(Tracer.class));
	}

}
