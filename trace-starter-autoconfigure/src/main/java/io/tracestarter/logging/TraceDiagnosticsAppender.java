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

	private final BreakPoints breakPoints;

	private final TraceHopRecorder hops;

	TraceDiagnosticsAppender(BreakPoints breakPoints, TraceHopRecorder hops) {
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
