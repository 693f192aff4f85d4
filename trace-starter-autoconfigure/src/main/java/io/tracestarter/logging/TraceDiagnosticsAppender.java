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

import java.util.Map;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceHopRecorder;

/**
 * Looks at every log event after the application is ready: a line without a trace id is a
 * break point; a line with one tells the hop recorder where the id was seen. Writes
 * nothing.
 */
final class TraceDiagnosticsAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

	static final String NAME = "TRACE_STARTER_DIAGNOSTICS";

	private final LinesWithoutTraceId breakPoints;

	private final TraceHopRecorder hops;

	TraceDiagnosticsAppender(LinesWithoutTraceId breakPoints, TraceHopRecorder hops) {
		this.breakPoints = breakPoints;
		this.hops = hops;
		setName(NAME);
	}

	@Override
	protected void append(ILoggingEvent event) {
		Map<String, String> mdc = event.getMDCPropertyMap();
		String traceId = (mdc != null) ? mdc.get(TraceContext.MDC_KEY) : null;
		if (traceId == null && mdc != null) {
			traceId = mdc.get(TraceJsonStructuredLogFormatter.MICROMETER_TRACE_ID);
		}
		if (traceId == null) {
			this.breakPoints.record(event.getLoggerName(), event.getThreadName(),
					String.valueOf(event.getFormattedMessage()), event.getInstant());
		}
		else {
			this.hops.logged(traceId, event.getLoggerName());
		}
	}

}
