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
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import io.tracestarter.core.TraceIdGenerator;
import org.jspecify.annotations.Nullable;
import reactor.util.context.ContextView;

/**
 * The trace id of the span that Micrometer Tracing opened for an observation, read from
 * the Reactor context without making the observation current. Spring's WebFlux adapter
 * puts the exchange's observation into the context; Micrometer Tracing's handler keeps
 * the span in the observation's context under {@link TracingContext}. Used only when both
 * libraries are on the classpath.
 */
final class ObservationSpanTraceId {

	private ObservationSpanTraceId() {
	}

	/**
	 * Return the trace id of the span of the observation in {@code context}.
	 * @param context the Reactor context
	 * @return the trace id, or {@code null} when there is no observation, no span, or
	 * only an invalid (empty or all-zero) id
	 */
	static @Nullable String of(ContextView context) {
		Object value = context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
		if (!(value instanceof Observation observation)) {
			return null;
		}
		TracingContext tracing = observation.getContextView().get(TracingContext.class);
		Span span = (tracing != null) ? tracing.getSpan() : null;
		String traceId = (span != null) ? span.context().traceId() : null;
		return TraceIdGenerator.isUsableSpanTraceId(traceId) ? traceId : null;
	}

}
