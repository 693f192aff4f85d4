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

package io.tracestarter.logging;

import java.time.Instant;
import java.util.function.BiConsumer;

import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TracerTraceId;
import org.jspecify.annotations.Nullable;

/**
 * How the starter reads one logging engine's event: the parts every JSON line, break
 * point and sampling decision needs, so the logic above it is written once for Logback
 * and Log4j2.
 *
 * @param <E> the engine's event type
 */
interface LogEventReader<E> {

	/** MDC key under which Micrometer Tracing puts the span's trace id. */
	String MICROMETER_TRACE_ID = TracerTraceId.MDC_KEY;

	/** MDC key under which Micrometer Tracing puts the span id. */
	String MICROMETER_SPAN_ID = "spanId";

	Instant instant(E event);

	String level(E event);

	String logger(E event);

	String thread(E event);

	@Nullable String message(E event);

	/**
	 * Return one MDC (thread context) entry of the event.
	 * @param event the event
	 * @param key the key
	 * @return the value, {@code null} when absent
	 */
	@Nullable String mdc(E event, String key);

	/**
	 * Hand every field of the event to {@code fields}: MDC entries, then key-value pairs
	 * (SLF4J 2 key-values, Log4j's {@code MapMessage} entries). Keys and values are raw:
	 * the caller filters and limits them.
	 * @param event the event
	 * @param fields receives each key and value
	 */
	void fields(E event, BiConsumer<@Nullable String, @Nullable Object> fields);

	/**
	 * Return the event's exception as JSON fields.
	 * @param event the event
	 * @return the exception, {@code null} when the event has none
	 */
	@Nullable Failure failure(E event);

	/**
	 * Return the request's id of the event: the starter's, else the span's trace id
	 * Micrometer Tracing put in the MDC. Lines written inside an observation but outside
	 * the starter's scope (an observation handler at the very end of a request) still
	 * carry the span's id, which is the request's id whenever the starter generated it.
	 * @param event the event
	 * @return the id, {@code null} for a line outside any request
	 */
	default @Nullable String traceId(E event) {
		String traceId = mdc(event, TraceContext.MDC_KEY);
		return (traceId != null) ? traceId : mdc(event, MICROMETER_TRACE_ID);
	}

	/**
	 * Whether an MDC key is one of the ids the line writes under its own names.
	 * @param key the key
	 * @return whether the key is skipped among the fields
	 */
	static boolean isTraceKey(String key) {
		return key.equals(TraceContext.MDC_KEY) || key.equals(MICROMETER_TRACE_ID) || key.equals(MICROMETER_SPAN_ID);
	}

	/**
	 * An event's exception.
	 *
	 * @param type the exception's class name
	 * @param message its message
	 * @param stackTrace its stack trace with causes
	 */
	record Failure(String type, @Nullable String message, String stackTrace) {
	}

}
