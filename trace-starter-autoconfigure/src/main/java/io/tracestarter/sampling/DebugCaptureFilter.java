package io.tracestarter.sampling;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.tracestarter.core.TraceContext;
import org.slf4j.Marker;

/**
 * Lets DEBUG lines below their logger's level through while the current request is
 * sampled out, so they can wait in its buffer and be written if it fails
 * ({@code trace.sampling.capture-debug-on-error}). The {@link SamplingAppender} never
 * writes such a line otherwise. Logback asks this filter about every logging call, so the
 * common answers come first and cost a field read.
 */
final class DebugCaptureFilter extends TurboFilter {

	static final String NAME = "TRACE_STARTER_DEBUG_CAPTURE";

	private final SampledRequests requests;

	DebugCaptureFilter(SampledRequests requests) {
		this.requests = requests;
		setName(NAME);
	}

	@Override
	public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
		if (level != Level.DEBUG || logger.getEffectiveLevel().levelInt <= Level.DEBUG_INT
				|| this.requests.size() == 0) {
			return FilterReply.NEUTRAL;
		}
		String traceId = TraceContext.currentTraceId();
		SampledRequest request = (traceId != null) ? this.requests.get(traceId) : null;
		if (request == null || !request.isBuffering()) {
			return FilterReply.NEUTRAL;
		}
		SamplingRule rule = request.ruleFor(logger.getName());
		return (rule != null && !rule.keeps(request.randomness)) ? FilterReply.ACCEPT : FilterReply.NEUTRAL;
	}

}
