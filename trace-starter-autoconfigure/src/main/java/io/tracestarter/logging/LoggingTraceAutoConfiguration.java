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

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tracestarter.autoconfigure.TraceAutoConfiguration;
import io.tracestarter.autoconfigure.TraceProperties;
import io.tracestarter.core.TraceHopRecorder;
import io.tracestarter.core.TracerTraceId;
import io.tracestarter.logging.LoggingTraceAutoConfiguration.OnLoggingEngine;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Log diagnostics: the break points (lines written without a trace id after start-up) and
 * the counters {@code trace.logging.missing}, {@code trace.logging.outside} (lines
 * without an id that are not break points) and {@code trace.logging.truncated}. The JSON
 * format itself is switched on by {@link TraceLoggingEnvironmentPostProcessor}, before
 * any bean exists. Works on Logback and on Log4j2; each engine's parts are loaded only
 * when its classes are present.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = TraceAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = { "trace.enabled", "trace.logging.enabled" }, matchIfMissing = true)
@Conditional(OnLoggingEngine.class)
public final class LoggingTraceAutoConfiguration {

	static final String TRUNCATED = "trace.logging.truncated";

	static final String MISSING = "trace.logging.missing";

	static final String OUTSIDE = "trace.logging.outside";

	static final String LOGBACK = "ch.qos.logback.classic.LoggerContext";

	static final String LOG4J2 = "org.apache.logging.log4j.core.LoggerContext";

	static final String TRACER = "io.micrometer.tracing.Tracer";

	static final String TRACING_OBSERVATION_HANDLER = "io.micrometer.tracing.handler.TracingObservationHandler";

	@Bean
	@ConditionalOnMissingBean
	LinesWithoutTraceId traceBreakPoints(TraceProperties properties) {
		return new LinesWithoutTraceId(properties.getActuator().getMaxBreakPoints());
	}

	@Bean
	TraceDiagnostics traceDiagnostics(LinesWithoutTraceId breakPoints, ObjectProvider<TraceHopRecorder> hops) {
		return new TraceDiagnostics(breakPoints, hops.getIfAvailable(TraceHopRecorder::none));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = LOGBACK)
	static class LogbackConfiguration {

		@Bean
		TraceDiagnosticsInstaller traceDiagnosticsInstaller(TraceDiagnostics diagnostics) {
			return new TraceDiagnosticsInstaller(new TraceDiagnosticsAppender(diagnostics));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = LOG4J2)
	static class Log4j2Configuration {

		@Bean
		Log4j2TraceDiagnosticsInstaller log4j2TraceDiagnosticsInstaller(TraceDiagnostics diagnostics) {
			return new Log4j2TraceDiagnosticsInstaller(new Log4j2TraceDiagnosticsAppender(diagnostics));
		}

	}

	/**
	 * With Micrometer Tracing and only the starter's line formats, a request whose id is
	 * its span's trace id is carried by the tracer alone; the formats and
	 * {@code TraceContext.currentTraceId()} read the tracer's MDC entry.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { TRACER, TRACING_OBSERVATION_HANDLER })
	@Conditional(OnlyTheStartersLineFormats.class)
	static class TracerCarriedIdConfiguration {

		@Bean
		TracerTraceId tracerTraceId() {
			return TracerTraceId.readFromMdc();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		MeterBinder traceLoggingMissingIdMeterBinder(LinesWithoutTraceId breakPoints) {
			return (registry) -> FunctionCounter.builder(MISSING, breakPoints, LinesWithoutTraceId::linesWithoutId)
				.description("Log lines written without a trace id after the application became ready")
				.register(registry);
		}

		@Bean
		MeterBinder traceLoggingOutsideTracedWorkMeterBinder(LinesWithoutTraceId breakPoints) {
			return (registry) -> FunctionCounter
				.builder(OUTSIDE, breakPoints, LinesWithoutTraceId::linesOutsideTracedWork)
				.description("Log lines without a trace id written outside traced work: by a server before"
						+ " a request's id was resolved, by a Kafka consumer between records, by Kafka on its own"
						+ " threads (not break points)")
				.register(registry);
		}

		@Bean
		MeterBinder traceLoggingTruncationsMeterBinder() {
			return (registry) -> FunctionCounter
				.builder(TRUNCATED, TruncationCounter.class, (type) -> TruncationCounter.count())
				.description("Log message and field values cut to trace.logging.max-field-length")
				.register(registry);
		}

	}

	/**
	 * Logback or Log4j2 is on the classpath: the engines whose events the starter reads.
	 */
	static final class OnLoggingEngine extends AnyNestedCondition {

		OnLoggingEngine() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnClass(name = LOGBACK)
		static final class Logback {

		}

		@ConditionalOnClass(name = LOG4J2)
		static final class Log4j2 {

		}

	}

}
