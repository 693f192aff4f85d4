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

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The one thread-local of the starter; every write is mirrored into the SLF4J MDC so that
 * log lines of any logging API carry the id.
 */
final class TraceIdHolder {

	private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

	private static final ThreadLocal<W3cTraceContext> W3C = new ThreadLocal<>();

	private TraceIdHolder() {
	}

	static @Nullable String get() {
		return CURRENT.get();
	}

	static void set(@Nullable String traceId) {
		if (traceId == null) {
			// Set to null rather than removed: a pooled thread keeps its (empty) entry,
			// so
			// the next task's set allocates nothing. The MDC entry is removed, as lines
			// must not show an id that is gone.
			CURRENT.set(null);
			MDC.remove(TraceContext.MDC_KEY);
		}
		else {
			CURRENT.set(traceId);
			MDC.put(TraceContext.MDC_KEY, traceId);
		}
	}

	static @Nullable W3cTraceContext w3c() {
		return W3C.get();
	}

	// The span id goes into the MDC under Micrometer's key, so every log format that
	// shows a tracer's span id shows it. Removed only when ours was there: with a tracer
	// there is never one of ours, and the tracer's entry stays untouched.
	static void setW3c(@Nullable W3cTraceContext w3c) {
		W3cTraceContext previous = W3C.get();
		if (w3c == previous) {
			return;
		}
		W3C.set(w3c);
		if (w3c != null) {
			MDC.put(W3cTraceContext.MDC_KEY, w3c.spanId());
		}
		else {
			MDC.remove(W3cTraceContext.MDC_KEY);
		}
	}

}
