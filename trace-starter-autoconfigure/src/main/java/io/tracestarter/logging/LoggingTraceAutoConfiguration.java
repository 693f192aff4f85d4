package io.tracestarter.logging;

import ch.qos.logback.classic.LoggerContext;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tracestarter.autoconfigure.TraceAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Publishes the count of cut log values as the counter {@code trace.logging.truncated}.
 * The JSON format itself is switched on by {@link TraceLoggingEnvironmentPostProcessor},
 * before any bean exists.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = TraceAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = { "trace.enabled", "trace.logging.enabled" }, matchIfMissing = true)
@ConditionalOnClass({ LoggerContext.class, MeterRegistry.class })
public final class LoggingTraceAutoConfiguration {

	static final String TRUNCATED = "trace.logging.truncated";

	@Bean
	MeterBinder traceLoggingTruncationsMeterBinder() {
		return (registry) -> FunctionCounter.builder(TRUNCATED, TruncationCounter.class, (type) -> TruncationCounter.count())
			.description("Log message and field values cut to trace.logging.max-field-length")
			.register(registry);
	}

}
