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

import io.micrometer.context.ThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Lets context-propagation carry the trace id: Reactor's automatic context propagation
 * and Spring's {@code ContextPropagatingTaskDecorator} restore it on every thread hop.
 * Registered through {@code META-INF/services}, so the global {@code ContextRegistry}
 * knows it without any code.
 *
 * @since 0.1.0
 */
public final class TraceIdThreadLocalAccessor implements ThreadLocalAccessor<String> {

	private final TraceHopRecorder recorder;

	/**
	 * Create the accessor that {@code META-INF/services} registers; it tells the
	 * recorders of {@link RestoredIdRecorders} each time the id is restored on a thread.
	 */
	public TraceIdThreadLocalAccessor() {
		this(RestoredIdRecorders.SHARED);
	}

	/**
	 * Create an accessor that tells {@code recorder} each time the id is restored on a
	 * thread.
	 * @param recorder the recorder
	 */
	public TraceIdThreadLocalAccessor(TraceHopRecorder recorder) {
		this.recorder = recorder;
	}

	@Override
	public Object key() {
		return TraceContext.CONTEXT_KEY;
	}

	@Override
	public @Nullable String getValue() {
		return TraceIdHolder.get();
	}

	// Reactor restores the id around every signal of every operator, mostly on a thread
	// that has it already: then nothing is written. A write to Logback's MDC also makes
	// the next log line copy the MDC map.
	@Override
	public void setValue(String value) {
		if (value.equals(TraceIdHolder.get()) && value.equals(MDC.get(TraceContext.MDC_KEY))) {
			return;
		}
		TraceIdHolder.set(value);
		this.recorder.restored(value);
	}

	@Override
	public void setValue() {
		if (TraceIdHolder.get() == null && MDC.get(TraceContext.MDC_KEY) == null) {
			return;
		}
		TraceIdHolder.set(null);
	}

}
