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

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The tracer's trace id, read from the MDC entry Micrometer Tracing keeps for the current
 * span, as the current trace id of a thread that carries no id of the starter's own.
 * <p>
 * With a tracer, a request whose id is its span's trace id needs no second copy: the
 * tracer's context already goes to every thread the request's work runs on, and a copy of
 * the starter's own would be restored, and written to the MDC, beside it at every hop.
 * Reading is switched on while the configuration that leaves the copy out is open.
 *
 * @since 0.1.0
 */
public final class TracerTraceId implements AutoCloseable {

	/** Micrometer Tracing's MDC key of the current span's trace id. */
	public static final String MDC_KEY = "traceId";

	// A count, not a flag: several application contexts may share one JVM (tests).
	private static final AtomicInteger READERS = new AtomicInteger();

	private final AtomicBoolean closed = new AtomicBoolean();

	private TracerTraceId() {
	}

	/**
	 * Let {@link TraceContext#currentTraceId()} answer with the tracer's trace id where
	 * the thread carries none of the starter's, until the returned handle is closed.
	 * @return the handle
	 */
	public static TracerTraceId readFromMdc() {
		READERS.incrementAndGet();
		return new TracerTraceId();
	}

	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			READERS.decrementAndGet();
		}
	}

	static @Nullable String current() {
		if (READERS.get() == 0) {
			return null;
		}
		String traceId = MDC.get(MDC_KEY);
		return TraceIdGenerator.isUsableSpanTraceId(traceId) ? traceId : null;
	}

}
