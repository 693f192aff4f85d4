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

import java.util.HashMap;
import java.util.Map;

import io.tracestarter.core.TraceContext;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Makes JSON the console's default: unless the user chose a structured format (or turned
 * {@code trace.logging.enabled} or {@code trace.enabled} off), the console uses
 * {@link TraceJsonStructuredLogFormatter} on Logback and
 * {@link Log4j2TraceJsonStructuredLogFormatter} on Log4j2, picked as Spring Boot picks
 * its logging system. When the user chose Boot's {@code ecs} format, on either engine,
 * the ids are written as ECS's {@code trace.id} and {@code span.id}: by the starter's
 * copy of Boot's ECS line ({@link LogbackEcsStructuredLogFormatter},
 * {@link Log4j2EcsStructuredLogFormatter}) in place of {@code ecs}, or, when the user set
 * any {@code logging.structured.json.*} or a file format other than {@code ecs}, by
 * {@code logging.structured.json.rename} entries, so that those settings still apply. The
 * renames and the default format are added as the lowest-priority property source, so any
 * setting of the user wins. Runs after config data is loaded and before the logging
 * system starts.
 *
 * @since 0.1.0
 */
public class TraceLoggingEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE_NAME = "traceStarterLoggingDefaults";

	static final String ECS_PROPERTY_SOURCE_NAME = "traceStarterEcsFormat";

	static final String CONSOLE_FORMAT = "logging.structured.format.console";

	static final String FILE_FORMAT = "logging.structured.format.file";

	private static final String ECS = "ecs";

	private static final String LOGBACK_CONTEXT = "ch.qos.logback.classic.LoggerContext";

	// The class Spring Boot's Log4J2LoggingSystem.Factory checks for.
	private static final String LOG4J2_CONTEXT_FACTORY = "org.apache.logging.log4j.core.impl.Log4jContextFactory";

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getProperty("trace.enabled", Boolean.class, true)
				|| !environment.getProperty("trace.logging.enabled", Boolean.class, true)) {
			return;
		}
		Map<String, Object> defaults = new HashMap<>();
		String consoleFormat = environment.getProperty(CONSOLE_FORMAT);
		if (consoleFormat == null || consoleFormat.isBlank()) {
			String formatter = formatterForTheLoggingSystem(TraceJsonStructuredLogFormatter.class,
					Log4j2TraceJsonStructuredLogFormatter.class);
			if (formatter != null) {
				defaults.put(CONSOLE_FORMAT, formatter);
			}
		}
		else if (isEcs(consoleFormat) && !useTheStartersEcsLine(environment)) {
			defaults.put("logging.structured.json.rename[" + TraceContext.MDC_KEY + "]", EcsIdNames.TRACE_ID);
			defaults.put("logging.structured.json.rename[" + LogEventReader.MICROMETER_SPAN_ID + "]",
					EcsIdNames.SPAN_ID);
		}
		if (!defaults.isEmpty()) {
			environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
		}
	}

	private static boolean isEcs(@Nullable String format) {
		return format != null && format.trim().equalsIgnoreCase(ECS);
	}

	/**
	 * Any {@code logging.structured.json.*} makes Boot filter and rename every member of
	 * every line (about 1.6 times the cost of the plain ECS line), and the renames are
	 * such a setting. The starter's ECS line gives the same line at the plain cost, so it
	 * replaces {@code ecs} (first property source: the user's {@code ecs} is otherwise
	 * the winner) unless the user has a setting it would drop: their own
	 * {@code logging.structured.json.*}, or a file format that today gets the renames
	 * too.
	 */
	private static boolean useTheStartersEcsLine(ConfigurableEnvironment environment) {
		String fileFormat = environment.getProperty(FILE_FORMAT);
		boolean fileEcs = isEcs(fileFormat);
		if ((fileFormat != null && !fileFormat.isBlank() && !fileEcs) || hasJsonSettings(environment)) {
			return false;
		}
		String formatter = formatterForTheLoggingSystem(LogbackEcsStructuredLogFormatter.class,
				Log4j2EcsStructuredLogFormatter.class);
		if (formatter == null) {
			return false;
		}
		Map<String, Object> ecs = new HashMap<>();
		ecs.put(CONSOLE_FORMAT, formatter);
		if (fileEcs) {
			ecs.put(FILE_FORMAT, formatter);
		}
		environment.getPropertySources().addFirst(new MapPropertySource(ECS_PROPERTY_SOURCE_NAME, ecs));
		return true;
	}

	private static boolean hasJsonSettings(ConfigurableEnvironment environment) {
		return Binder.get(environment)
			.bind("logging.structured.json", Bindable.mapOf(String.class, Object.class))
			.isBound();
	}

	// Spring Boot's order: the system named by the system property, else Logback when
	// present, else Log4j2 when present; on any other system (java.util.logging) the
	// console keeps Boot's format. Class names only: neither engine is loaded here.
	private static @Nullable String formatterForTheLoggingSystem(Class<?> logbackFormatter, Class<?> log4j2Formatter) {
		ClassLoader classLoader = TraceLoggingEnvironmentPostProcessor.class.getClassLoader();
		boolean logback = ClassUtils.isPresent(LOGBACK_CONTEXT, classLoader);
		boolean log4j2 = ClassUtils.isPresent(LOG4J2_CONTEXT_FACTORY, classLoader);
		String system = System.getProperty(LoggingSystem.SYSTEM_PROPERTY);
		if (system != null) {
			logback = logback && system.contains("Logback");
			log4j2 = log4j2 && system.contains("Log4J2");
		}
		if (logback) {
			return logbackFormatter.getName();
		}
		return log4j2 ? log4j2Formatter.getName() : null;
	}

}
