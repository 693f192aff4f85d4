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

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when every line the application writes goes through one of the starter's
 * formats, which write the tracer's trace id under the starter's name when the MDC holds
 * none of the starter's own: the console's structured format is one of them, the file's
 * is none or one of them, and no logging configuration file of the user's could write the
 * MDC's {@code trace_id} some other way.
 */
final class OnlyTheStartersLineFormats extends SpringBootCondition {

	private static final Set<String> LOGBACK_FORMATTERS = Set.of(TraceJsonStructuredLogFormatter.class.getName(),
			LogbackEcsStructuredLogFormatter.class.getName());

	private static final Set<String> LOG4J2_FORMATTERS = Set.of(Log4j2TraceJsonStructuredLogFormatter.class.getName(),
			Log4j2EcsStructuredLogFormatter.class.getName());

	// The files Spring Boot's Logback and Log4j2 logging systems look for on the
	// classpath, each also with the -spring suffix. Only the engine's own count: Kafka's
	// test jars, for one, carry a log4j2.yaml that a Logback application never reads.
	private static final List<String> LOGBACK_FILES = List.of("logback-test.groovy", "logback-test.xml",
			"logback.groovy", "logback.xml");

	private static final List<String> LOG4J2_FILES = List.of("log4j2-test.properties", "log4j2-test.xml",
			"log4j2-test.json", "log4j2-test.jsn", "log4j2-test.yaml", "log4j2-test.yml", "log4j2.properties",
			"log4j2.xml", "log4j2.json", "log4j2.jsn", "log4j2.yaml", "log4j2.yml");

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Environment environment = context.getEnvironment();
		String console = trimmed(environment.getProperty(TraceLoggingEnvironmentPostProcessor.CONSOLE_FORMAT));
		Set<String> formatters = formatters(console);
		if (formatters == null) {
			return ConditionOutcome.noMatch("console format " + console + " is not the starter's");
		}
		String file = trimmed(environment.getProperty(TraceLoggingEnvironmentPostProcessor.FILE_FORMAT));
		if (file != null && !file.isEmpty() && !formatters.contains(file)) {
			return ConditionOutcome.noMatch("file format " + file + " is not the starter's");
		}
		if (environment.containsProperty("logging.config")) {
			return ConditionOutcome.noMatch("logging.config is set");
		}
		String found = configurationFile(context.getResourceLoader(),
				(formatters == LOGBACK_FORMATTERS) ? LOGBACK_FILES : LOG4J2_FILES);
		if (found != null) {
			return ConditionOutcome.noMatch("logging configuration file " + found + " found");
		}
		return ConditionOutcome.match("every line is written by the starter's format " + console);
	}

	private static @Nullable Set<String> formatters(@Nullable String console) {
		if (console == null) {
			return null;
		}
		if (LOGBACK_FORMATTERS.contains(console)) {
			return LOGBACK_FORMATTERS;
		}
		return LOG4J2_FORMATTERS.contains(console) ? LOG4J2_FORMATTERS : null;
	}

	private static @Nullable String trimmed(@Nullable String value) {
		return (value != null) ? value.trim() : null;
	}

	private static @Nullable String configurationFile(ResourceLoader loader, List<String> files) {
		for (String name : files) {
			int dot = name.lastIndexOf('.');
			String spring = name.substring(0, dot) + "-spring" + name.substring(dot);
			for (String candidate : List.of(name, spring)) {
				if (loader.getResource("classpath:" + candidate).exists()) {
					return candidate;
				}
			}
		}
		return null;
	}

}
