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

package io.tracestarter.sampling;

import java.time.Instant;

import io.tracestarter.core.TracerTraceId;
import org.jspecify.annotations.Nullable;

/**
 * One logging engine's events as sampling sees them, and where its lines are written: so
 * the decision ({@link LineSampler}) and the buffers ({@link SampledRequests}) are
 * written once for Logback and Log4j2.
 *
 * @param <E> the engine's event type
 */
interface SampledEvents<E> {

	/** MDC key, and so JSON field, that tells why a sampled-out line was written. */
	String FIELD = "trace_sampling";

	/** The request failed: its held-back lines are written. */
	String ERROR = "error";

	/** The request failed and its buffer had run full: the marker line. */
	String OVERFLOW = "overflow";

	/** Logger of the marker line. */
	String MARKER_LOGGER = "io.tracestarter.sampling";

	/** MDC key under which Micrometer Tracing puts the span's trace id. */
	String MICROMETER_TRACE_ID = TracerTraceId.MDC_KEY;

	/**
	 * Return the line's request id: the starter's, else the span's.
	 * @param event the event
	 * @return the id, {@code null} outside any request
	 */
	@Nullable String traceId(E event);

	String logger(E event);

	Instant instant(E event);

	/**
	 * What a held line costs, roughly: the event, its message, MDC and key-value pairs as
	 * UTF-16, and an exception's frames.
	 * @param event the event
	 * @return the estimate in bytes
	 */
	int estimatedBytes(E event);

	/**
	 * Return the event in a form that outlives the call: message, thread and MDC taken
	 * now.
	 * @param event the event
	 * @return the event to hold
	 */
	E freeze(E event);

	/**
	 * Return a copy of a line with {@link #FIELD} set to {@code reason}, keeping its
	 * time, thread, MDC, key-value pairs and exception.
	 * @param event the line
	 * @param reason why it is written after all
	 * @return the copy
	 */
	E captured(E event, String reason);

	/**
	 * Return the WARN line written in place of the lines a full buffer lost.
	 * @param traceId the request's id
	 * @param message what was lost
	 * @param firstLost when the first lost line was written
	 * @return the line
	 */
	E overflowMarker(String traceId, String message, Instant firstLost);

	/**
	 * Write a line to the appenders sampling stands before.
	 * @param event the line
	 */
	void write(E event);

}
