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

import org.jspecify.annotations.Nullable;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
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
 * the ids are renamed to ECS's {@code trace.id} and {@code span.id}. Everything is added
 * as the lowest-priority property source, so any setting of the user wins. Runs after
 * config data is loaded and before the logging system starts.
 *
 * @since 0.1.0
 */
public class TraceLoggingEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE_NAME = "traceStarterLoggingDefaults";

	static final String CONSOLE_FORMAT = "logging.structured.format.console";

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
			String formatter = formatterForTheLoggingSystem();
			if (formatter != null) {
				defaults.put(CONSOLE_FORMAT, formatter);
			}
		}
		else if (consoleFormat.trim().equalsIgnoreCase("ecs")) {
			defaults.put("logging.structured.json.rename[trace_id]", "trace.id");
			defaults.put("logging.structured.json.rename[" + LogEventReader.MICROMETER_SPAN_ID + "]", "span.id");
		}
		if (!defaults.isEmpty()) {
			environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
		}
	}

	// Spring Boot's order: the system named by the system property, else Logback when
	// present, else Log4j2 when present; on any other system (java.util.logging) the
	// console keeps Boot's format. Class names only: neither engine is loaded here.
	private static @Nullable String formatterForTheLoggingSystem() {
		ClassLoader classLoader = TraceLoggingEnvironmentPostProcessor.class.getClassLoader();
		boolean logback = ClassUtils.isPresent(LOGBACK_CONTEXT, classLoader);
		boolean log4j2 = ClassUtils.isPresent(LOG4J2_CONTEXT_FACTORY, classLoader);
		String system = System.getProperty(LoggingSystem.SYSTEM_PROPERTY);
		if (system != null) {
			logback = logback && system.contains("Logback");
			log4j2 = log4j2 && system.contains("Log4J2");
		}
		if (logback) {
			return TraceJsonStructuredLogFormatter.class.getName();
		}
		return log4j2 ? Log4j2TraceJsonStructuredLogFormatter.class.getName() : null;
	}

}
