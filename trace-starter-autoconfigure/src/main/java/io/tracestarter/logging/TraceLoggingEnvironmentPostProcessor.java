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
 * {@link TraceJsonStructuredLogFormatter}. When the user chose Boot's {@code ecs} format,
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
			if (isLogbackTheLoggingSystem()) {
				defaults.put(CONSOLE_FORMAT, TraceJsonStructuredLogFormatter.class.getName());
			}
		}
		else if (consoleFormat.trim().equalsIgnoreCase("ecs")) {
			defaults.put("logging.structured.json.rename[trace_id]", "trace.id");
			defaults.put("logging.structured.json.rename[" + TraceJsonStructuredLogFormatter.MICROMETER_SPAN_ID + "]",
					"span.id");
		}
		if (!defaults.isEmpty()) {
			environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
		}
	}

	// The format is written for Logback, Boot's default; an app on Log4j2 keeps Boot's
	// own console output (its lines still carry trace_id through the MDC).
	private static boolean isLogbackTheLoggingSystem() {
		String system = System.getProperty(LoggingSystem.SYSTEM_PROPERTY);
		if (system != null && !system.contains("Logback")) {
			return false;
		}
		return ClassUtils.isPresent(LOGBACK_CONTEXT, TraceLoggingEnvironmentPostProcessor.class.getClassLoader());
	}

}
