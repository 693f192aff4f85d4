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

import org.apache.logging.log4j.core.LogEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.logging.StackTracePrinter;
import org.springframework.boot.logging.structured.ContextPairs;
import org.springframework.boot.logging.structured.JsonWriterStructuredLogFormatter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;
import org.springframework.core.env.Environment;

/**
 * The starter's JSON line format for Log4j2, the same line as
 * {@link TraceJsonStructuredLogFormatter} writes on Logback, used through Spring Boot's
 * structured logging ({@code logging.structured.format.console}). Thread context entries,
 * SLF4J key-value pairs and the entries of Log4j's {@code MapMessage} are fields.
 *
 * @since 0.1.0
 */
public class Log4j2TraceJsonStructuredLogFormatter extends JsonWriterStructuredLogFormatter<LogEvent> {

	public Log4j2TraceJsonStructuredLogFormatter(Environment environment, @Nullable StackTracePrinter stackTracePrinter,
			ContextPairs contextPairs, StructuredLoggingJsonMembersCustomizer.Builder<?> customizerBuilder) {
		super((members) -> TraceJsonMembers.add(environment, contextPairs, members,
				new Log4j2EventReader(stackTracePrinter)), customizerBuilder.build());
	}

}
