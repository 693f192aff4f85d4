package io.tracestarter.logging;

import java.util.Map;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.tracestarter.core.TraceContext;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.json.JsonWriter.MemberPath;
import org.springframework.boot.json.JsonWriter.Members;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * For Boot's {@code ecs} console format: writes the ids as ECS's {@code trace.id} and
 * {@code span.id} in place of the MDC fields {@code trace_id} and {@code spanId}.
 * Boot's {@code logging.structured.json.rename} would do the same, but in Boot 4.1 any
 * rename makes every member name of every line build a message string (about 15 KB per
 * line in our benchmark), so the starter filters and adds the two members itself.
 *
 * @since 0.1.0
 */
public class EcsTraceFieldsCustomizer implements StructuredLoggingJsonMembersCustomizer<ILoggingEvent> {

	@Override
	public void customize(Members<ILoggingEvent> members) {
		members.applyingPathFilter(EcsTraceFieldsCustomizer::isReplacedField);
		members.add("trace.id", EcsTraceFieldsCustomizer::traceId).whenNotNull();
		members.add("span.id", (event) -> mdc(event, TraceJsonStructuredLogFormatter.MICROMETER_SPAN_ID)).whenNotNull();
	}

	// Top-level members only: the MDC pairs Boot writes beside @timestamp and message.
	private static boolean isReplacedField(MemberPath path) {
		MemberPath parent = path.parent();
		if (parent == null || parent.parent() != null || path.name() == null) {
			return false;
		}
		return path.name().equals(TraceContext.MDC_KEY)
				|| path.name().equals(TraceJsonStructuredLogFormatter.MICROMETER_SPAN_ID);
	}

	private static @Nullable String traceId(ILoggingEvent event) {
		String traceId = mdc(event, TraceContext.MDC_KEY);
		return (traceId != null) ? traceId : mdc(event, TraceJsonStructuredLogFormatter.MICROMETER_TRACE_ID);
	}

	private static @Nullable String mdc(ILoggingEvent event, String key) {
		Map<String, String> mdc = event.getMDCPropertyMap();
		return (mdc != null) ? mdc.get(key) : null;
	}

}
