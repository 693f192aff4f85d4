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

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Set;
import java.util.TreeSet;

import io.tracestarter.core.TraceContext;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.time.Instant;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.util.MultiFormatStringBuilderFormattable;
import org.apache.logging.log4j.util.ReadOnlyStringMap;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.json.JsonWriter.Members;
import org.springframework.boot.json.WritableJson;
import org.springframework.boot.logging.StackTracePrinter;
import org.springframework.boot.logging.structured.ContextPairs;
import org.springframework.boot.logging.structured.ContextPairs.Pairs;
import org.springframework.boot.logging.structured.ElasticCommonSchemaProperties;
import org.springframework.boot.logging.structured.JsonWriterStructuredLogFormatter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;
import org.springframework.core.env.Environment;
import org.springframework.util.ObjectUtils;

/**
 * Boot's {@code ecs} line on Log4j2, member for member as Boot 4.0 and 4.1 write it, with
 * the ids under ECS's {@code trace.id} and {@code span.id}; see
 * {@link LogbackEcsStructuredLogFormatter} for why.
 */
final class Log4j2EcsStructuredLogFormatter extends JsonWriterStructuredLogFormatter<LogEvent> {

	private static final String[] JSON = { "JSON" };

	Log4j2EcsStructuredLogFormatter(Environment environment, @Nullable StackTracePrinter stackTracePrinter,
			ContextPairs contextPairs, StructuredLoggingJsonMembersCustomizer.Builder<?> customizerBuilder) {
		super((members) -> members(environment, stackTracePrinter, contextPairs, members),
				customizerBuilder.nested().build());
	}

	private static void members(Environment environment, @Nullable StackTracePrinter stackTracePrinter,
			ContextPairs contextPairs, Members<LogEvent> members) {
		members.add("@timestamp", LogEvent::getInstant).as(Log4j2EcsStructuredLogFormatter::timestamp);
		members.add("log").usingMembers((log) -> {
			log.add("level", LogEvent::getLevel).as(Level::name);
			log.add("logger", LogEvent::getLoggerName);
		});
		members.add("process").usingMembers((process) -> {
			process.add("pid", environment.getProperty("spring.application.pid", Long.class)).whenNotNull();
			process.add("thread").usingMembers((thread) -> thread.add("name", LogEvent::getThreadName));
		});
		ElasticCommonSchemaProperties.get(environment).jsonMembers(members);
		members.add("message", LogEvent::getMessage).as(Log4j2EcsStructuredLogFormatter::message);
		members.from(LogEvent::getContextData)
			.usingPairs(EcsIdNames.renaming(contextPairs.nested(Log4j2EcsStructuredLogFormatter::contextData),
					(data) -> data.containsKey(TraceContext.MDC_KEY)));
		members.from(LogEvent::getThrown)
			.whenNotNull()
			.usingMembers((thrown) -> thrown.add("error").usingMembers((error) -> {
				error.add("type", ObjectUtils::nullSafeClassName);
				error.add("message", Throwable::getMessage);
				error.add("stack_trace", (throwable) -> stackTrace(throwable, stackTracePrinter));
			}));
		members.add("tags", LogEvent::getMarker)
			.whenNotNull()
			.as(Log4j2EcsStructuredLogFormatter::markers)
			.whenNotEmpty();
		members.add("ecs").usingMembers((ecs) -> ecs.add("version", "8.11"));
	}

	private static void contextData(Pairs<ReadOnlyStringMap> pairs) {
		pairs.add((contextData, pair) -> contextData.forEach(pair::accept));
	}

	private static java.time.Instant timestamp(Instant instant) {
		return java.time.Instant.ofEpochMilli(instant.getEpochMillisecond()).plusNanos(instant.getNanoOfMillisecond());
	}

	// As Boot's StructuredMessage: a message that can format itself as JSON is written
	// as JSON, any other as its text.
	private static Object message(Message message) {
		if (message instanceof MultiFormatStringBuilderFormattable formattable && formatsJson(formattable)) {
			return WritableJson.of((out) -> {
				if (out instanceof StringBuilder builder) {
					formattable.formatTo(JSON, builder);
				}
				else {
					out.append(formattable.getFormattedMessage(JSON));
				}
			});
		}
		return message.getFormattedMessage();
	}

	private static boolean formatsJson(MultiFormatStringBuilderFormattable message) {
		for (String format : message.getFormats()) {
			if (JSON[0].equalsIgnoreCase(format)) {
				return true;
			}
		}
		return false;
	}

	private static String stackTrace(Throwable throwable, @Nullable StackTracePrinter stackTracePrinter) {
		if (stackTracePrinter != null) {
			return stackTracePrinter.printStackTraceToString(throwable);
		}
		StringWriter out = new StringWriter();
		throwable.printStackTrace(new PrintWriter(out));
		return out.toString();
	}

	private static Set<String> markers(Marker marker) {
		Set<String> names = new TreeSet<>();
		addMarkers(names, marker);
		return names;
	}

	private static void addMarkers(Set<String> names, Marker marker) {
		names.add(marker.getName());
		if (marker.hasParents()) {
			for (Marker parent : marker.getParents()) {
				addMarkers(names, parent);
			}
		}
	}

}
