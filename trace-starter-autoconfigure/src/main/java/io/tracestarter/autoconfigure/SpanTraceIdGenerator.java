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
import io.tracestarter.core.TraceIdGenerator;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Generates the current span's trace id, so log lines and spans join up; random when no
 * span is current (no tracer bridge, or work outside any observation).
 */
final class SpanTraceIdGenerator implements TraceIdGenerator {

	private final ObjectProvider<Tracer> tracerProvider;

	private volatile @Nullable Tracer tracer;

	SpanTraceIdGenerator(ObjectProvider<Tracer> tracerProvider) {
		this.tracerProvider = tracerProvider;
	}

	@Override
	public String generate() {
		Tracer tracer = tracer();
		Span span = (tracer != null) ? tracer.currentSpan() : null;
		String traceId = (span != null) ? span.context().traceId() : null;
		return (traceId != null && TraceIdGenerator.isUsableSpanTraceId(traceId)) ? traceId
				: TraceIdGenerator.randomHex();
	}

	@Override
	public boolean generatesCurrentSpanTraceId() {
		return true;
	}

	private @Nullable Tracer tracer() {
		Tracer tracer = this.tracer;
		if (tracer == null) {
			// Looked up on first use: the Tracer bean is made by auto-configurations that
			// may run after ours.
			tracer = this.tracerProvider.getIfAvailable();
			this.tracer = tracer;
		}
		return tracer;
	}

}
