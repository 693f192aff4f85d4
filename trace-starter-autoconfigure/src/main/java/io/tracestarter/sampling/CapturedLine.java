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
import java.util.HashMap;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import io.tracestarter.core.TraceContext;

/**
 * Copies of Logback events that were held back, with the field {@code trace_sampling}
 * that says why they are written after all, and the marker line of a buffer that ran
 * full. The copy keeps the original's time, thread, MDC, key-value pairs and exception.
 */
final class CapturedLine {

	private CapturedLine() {
	}

	static ILoggingEvent copy(ILoggingEvent event, String reason) {
		LoggingEvent copy = new LoggingEvent();
		copy.setLoggerName(event.getLoggerName());
		copy.setLoggerContextRemoteView(event.getLoggerContextVO());
		copy.setLevel(event.getLevel());
		copy.setMessage(event.getFormattedMessage());
		copy.setThreadName(event.getThreadName());
		copy.setInstant(event.getInstant());
		copy.setSequenceNumber(event.getSequenceNumber());
		if (event.getThrowableProxy() instanceof ThrowableProxy proxy) {
			copy.setThrowableProxy(proxy);
		}
		if (event.getKeyValuePairs() != null) {
			copy.setKeyValuePairs(event.getKeyValuePairs());
		}
		if (event.getMarkerList() != null) {
			event.getMarkerList().forEach(copy::addMarker);
		}
		Map<String, String> mdc = (event.getMDCPropertyMap() != null) ? new HashMap<>(event.getMDCPropertyMap())
				: new HashMap<>();
		mdc.put(SampledEvents.FIELD, reason);
		copy.setMDCPropertyMap(mdc);
		return copy;
	}

	static ILoggingEvent overflowMarker(String traceId, String message, Instant firstLost) {
		LoggingEvent marker = new LoggingEvent();
		marker.setLoggerName(SampledEvents.MARKER_LOGGER);
		marker.setLevel(Level.WARN);
		marker.setMessage(message);
		marker.setThreadName(Thread.currentThread().getName());
		marker.setInstant(firstLost);
		marker.setMDCPropertyMap(Map.of(TraceContext.MDC_KEY, traceId, SampledEvents.FIELD, SampledEvents.OVERFLOW));
		return marker;
	}

}
