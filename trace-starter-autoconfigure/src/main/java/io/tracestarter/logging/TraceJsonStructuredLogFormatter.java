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

import ch.qos.logback.classic.spi.ILoggingEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.logging.StackTracePrinter;
import org.springframework.boot.logging.structured.ContextPairs;
import org.springframework.boot.logging.structured.JsonWriterStructuredLogFormatter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;
import org.springframework.core.env.Environment;

/**
 * The starter's JSON line format for Logback, used through Spring Boot's structured
 * logging ({@code logging.structured.format.console}). One object per line with top-level
 * {@code trace_id} and {@code span_id}, MDC entries and SLF4J key-value pairs as fields,
 * every value cut to {@code trace.logging.max-field-length} with a marker. Boot's
 * {@code logging.structured.json.*} settings (include, exclude, rename, add) apply to it
 * as to Boot's own formats.
 *
 * @since 0.1.0
 */
public class TraceJsonStructuredLogFormatter extends JsonWriterStructuredLogFormatter<ILoggingEvent> {

	public TraceJsonStructuredLogFormatter(Environment environment, @Nullable StackTracePrinter stackTracePrinter,
			ContextPairs contextPairs, StructuredLoggingJsonMembersCustomizer.Builder<?> customizerBuilder) {
		super((members) -> TraceJsonMembers.add(environment, contextPairs, members,
				new LogbackEventReader(stackTracePrinter)), customizerBuilder.build());
	}

}
