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

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import io.tracestarter.JsonLines;
import org.junit.jupiter.api.Test;
import org.slf4j.MarkerFactory;
import org.slf4j.event.KeyValuePair;

import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's ECS line on Logback is the line Boot's {@code ecs} wrote with the
 * starter's renames: the same keys and values, parsed key by key, and the same bytes.
 */
class LogbackEcsStructuredLogFormatterTests {

	private static final Map<String, String> RENAMES = Map.of("trace_id", "trace.id", "spanId", "span.id");

	private final StructuredLogEncoder plain = encoder(Map.of(), "ecs");

	private final StructuredLogEncoder renamed = encoder(Map.of("logging.structured.json.rename[trace_id]", "trace.id",
			"logging.structured.json.rename[spanId]", "span.id"), "ecs");

	private final StructuredLogEncoder starter = encoder(Map.of(), LogbackEcsStructuredLogFormatter.class.getName());

	@Test
	void withMicrometerTracingsIds() {
		assertSameLine(event(Map.of("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736", "spanId", "00f067aa0ba902b7",
				"traceId", "4bf92f3577b34da6a3ce929d0e0e4736")));
	}

	@Test
	void withTheStartersIdsAlone() {
		assertSameLine(event(Map.of("trace_id", "req-1", "spanId", "00f067aa0ba902b7")));
	}

	// The tracer carries the request's id alone: its id is the starter's, under ECS's
	// name, in the place of Boot's traceId member; nothing else of the line changes.
	@Test
	void withTheTracersIdsAlone() {
		LoggingEvent event = event(Map.of("traceId", "4bf92f3577b34da6a3ce929d0e0e4736", "spanId", "00f067aa0ba902b7"));
		Map<String, Object> plainLine = JsonLines
			.parseLine(new String(this.plain.encode(event), StandardCharsets.UTF_8).trim());
		Map<String, String> renames = Map.of("traceId", "trace.id", "spanId", "span.id");
		Map<String, Object> expected = new LinkedHashMap<>();
		plainLine.forEach((key, value) -> expected.put(renames.getOrDefault(key, key), value));
		Map<String, Object> line = JsonLines
			.parseLine(new String(this.starter.encode(event), StandardCharsets.UTF_8).trim());
		assertThat(line).isEqualTo(expected)
			.containsEntry("trace.id", "4bf92f3577b34da6a3ce929d0e0e4736")
			.doesNotContainKeys("traceId", "spanId");
		assertThat(List.copyOf(line.keySet())).isEqualTo(List.copyOf(expected.keySet()));
	}

	@Test
	void withoutIds() {
		assertSameLine(event(Map.of()));
	}

	@Test
	void withNestedMdcKeysPairsMarkersAndAFailure() {
		LoggingEvent event = event(Map.of("trace_id", "req-2", "user.id", "42", "user.name", "ada", "trace.flags", "01",
				"a.trace_id", "not renamed"));
		event.addKeyValuePair(new KeyValuePair("order", 4711));
		event.addMarker(MarkerFactory.getMarker("audit"));
		event.setThrowableProxy(new ThrowableProxy(new IllegalStateException("boom")));
		Map<String, Object> line = assertSameLine(event);
		assertThat(line).containsKeys("trace.id", "trace", "user", "a", "order", "tags", "error");
	}

	private Map<String, Object> assertSameLine(LoggingEvent event) {
		String renamedLine = new String(this.renamed.encode(event), StandardCharsets.UTF_8);
		String starterLine = new String(this.starter.encode(event), StandardCharsets.UTF_8);
		Map<String, Object> plainLine = JsonLines
			.parseLine(new String(this.plain.encode(event), StandardCharsets.UTF_8).trim());
		Map<String, Object> expected = new LinkedHashMap<>();
		plainLine.forEach((key, value) -> expected.put(RENAMES.getOrDefault(key, key), value));
		Map<String, Object> line = JsonLines.parseLine(starterLine.trim());
		assertThat(line).isEqualTo(JsonLines.parseLine(renamedLine.trim())).isEqualTo(expected);
		assertThat(List.copyOf(line.keySet())).isEqualTo(List.copyOf(expected.keySet()));
		assertThat(starterLine).isEqualTo(renamedLine);
		return line;
	}

	private static LoggingEvent event(Map<String, String> mdc) {
		LoggingEvent event = new LoggingEvent();
		event.setLoggerContext(new LoggerContext());
		event.setLoggerName("com.example.OrderService");
		event.setLevel(Level.INFO);
		event.setThreadName("reactor-http-epoll-2");
		event.setMessage("order 4711 placed");
		event.setMDCPropertyMap(mdc);
		event.setTimeStamp(1767225600123L);
		return event;
	}

	private static StructuredLogEncoder encoder(Map<String, String> properties, String format) {
		LoggerContext context = new LoggerContext();
		MockEnvironment environment = new MockEnvironment().withProperty("spring.application.name", "orders")
			.withProperty("spring.application.pid", "4711");
		properties.forEach(environment::setProperty);
		context.putObject(Environment.class.getName(), environment);
		StructuredLogEncoder encoder = new StructuredLogEncoder();
		encoder.setContext(context);
		encoder.setFormat(format);
		encoder.start();
		return encoder;
	}

}
