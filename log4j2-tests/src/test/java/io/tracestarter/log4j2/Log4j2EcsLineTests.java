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

package io.tracestarter.log4j2;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.MarkerManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.impl.ContextDataFactory;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.message.SimpleMessage;
import org.apache.logging.log4j.message.StringMapMessage;
import org.apache.logging.log4j.util.StringMap;
import org.junit.jupiter.api.Test;

import org.springframework.boot.logging.structured.StructuredLogFormatter;
import org.springframework.boot.logging.structured.StructuredLogFormatterFactory;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's ECS line on Log4j2 is the line Boot's {@code ecs} wrote with the
 * starter's renames: the same keys and values, parsed key by key, and the same text.
 */
class Log4j2EcsLineTests {

	// Both package-private: Boot's factory builds them by name, as from
	// logging.structured.format.console.
	private static final String BOOT_ECS = "org.springframework.boot.logging.log4j2.ElasticCommonSchemaStructuredLogFormatter";

	private static final String STARTER_ECS = "io.tracestarter.logging.Log4j2EcsStructuredLogFormatter";

	private static final Map<String, String> RENAMES = Map.of("trace_id", "trace.id", "spanId", "span.id");

	private final StructuredLogFormatter<LogEvent> plain = formatter(Map.of(), BOOT_ECS);

	private final StructuredLogFormatter<LogEvent> renamed = formatter(
			Map.of("logging.structured.json.rename[trace_id]", "trace.id", "logging.structured.json.rename[spanId]",
					"span.id"),
			BOOT_ECS);

	private final StructuredLogFormatter<LogEvent> starter = formatter(Map.of(), STARTER_ECS);

	@Test
	void withMicrometerTracingsIds() {
		assertSameLine(event(Map.of("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736", "spanId", "00f067aa0ba902b7",
				"traceId", "4bf92f3577b34da6a3ce929d0e0e4736"), new SimpleMessage("order placed"))
			.build());
	}

	// The tracer carries the request's id alone: its id is the starter's, under ECS's
	// name, in the place of Boot's traceId member; nothing else of the line changes.
	@Test
	void withTheTracersIdsAlone() {
		LogEvent event = event(Map.of("traceId", "4bf92f3577b34da6a3ce929d0e0e4736", "spanId", "00f067aa0ba902b7"),
				new SimpleMessage("order placed"))
			.build();
		Map<String, String> renames = Map.of("traceId", "trace.id", "spanId", "span.id");
		Map<String, Object> expected = new LinkedHashMap<>();
		JsonLines.parseLine(this.plain.format(event).trim())
			.forEach((key, value) -> expected.put(renames.getOrDefault(key, key), value));
		Map<String, Object> line = JsonLines.parseLine(this.starter.format(event).trim());
		assertThat(line).isEqualTo(expected)
			.containsEntry("trace.id", "4bf92f3577b34da6a3ce929d0e0e4736")
			.doesNotContainKeys("traceId", "spanId");
		assertThat(List.copyOf(line.keySet())).isEqualTo(List.copyOf(expected.keySet()));
	}

	@Test
	void withoutIds() {
		assertSameLine(event(Map.of(), new SimpleMessage("order placed")).build());
	}

	@Test
	void withNestedKeysAMapMessageAMarkerAndAFailure() {
		LogEvent event = event(Map.of("trace_id", "req-2", "user.id", "42", "trace.flags", "01", "a.trace_id", "x"),
				new StringMapMessage().with("order", "4711"))
			.setMarker(MarkerManager.getMarker("audit"))
			.setThrown(new IllegalStateException("boom"))
			.build();
		assertThat(assertSameLine(event)).containsKeys("trace.id", "trace", "user", "a", "tags", "error");
	}

	private Map<String, Object> assertSameLine(LogEvent event) {
		String renamedLine = this.renamed.format(event);
		String starterLine = this.starter.format(event);
		Map<String, Object> expected = new LinkedHashMap<>();
		JsonLines.parseLine(this.plain.format(event).trim())
			.forEach((key, value) -> expected.put(RENAMES.getOrDefault(key, key), value));
		Map<String, Object> line = JsonLines.parseLine(starterLine.trim());
		assertThat(line).isEqualTo(JsonLines.parseLine(renamedLine.trim())).isEqualTo(expected);
		assertThat(List.copyOf(line.keySet())).isEqualTo(List.copyOf(expected.keySet()));
		assertThat(starterLine).isEqualTo(renamedLine);
		return line;
	}

	private static Log4jLogEvent.Builder event(Map<String, String> contextData, Message message) {
		StringMap data = ContextDataFactory.createContextData();
		contextData.forEach(data::putValue);
		return Log4jLogEvent.newBuilder()
			.setLoggerName("com.example.OrderService")
			.setLevel(Level.INFO)
			.setThreadName("http-nio-8080-exec-1")
			.setMessage(message)
			.setContextData(data)
			.setTimeMillis(1767225600123L);
	}

	private static StructuredLogFormatter<LogEvent> formatter(Map<String, String> properties, String format) {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.application.name", "orders")
			.withProperty("spring.application.pid", "4711");
		properties.forEach(environment::setProperty);
		return new StructuredLogFormatterFactory<>(LogEvent.class, environment, null, (formats) -> {
		}).get(format);
	}

}
