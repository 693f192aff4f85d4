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

import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import io.tracestarter.JsonLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

import org.springframework.boot.logging.structured.StructuredLogFormatter;
import org.springframework.boot.logging.structured.StructuredLogFormatterFactory;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class TraceJsonStructuredLogFormatterTests {

	private final LoggerContext loggerContext = (LoggerContext) LoggerFactory.getILoggerFactory();

	private final MockEnvironment environment = new MockEnvironment();

	private StructuredLogFormatter<ILoggingEvent> formatter() {
		return new StructuredLogFormatterFactory<>(ILoggingEvent.class, this.environment, null, (common) -> {
		}).get(TraceJsonStructuredLogFormatter.class.getName());
	}

	private LoggingEvent event(String message, Map<String, String> mdc) {
		LoggingEvent event = new LoggingEvent();
		event.setLoggerContext(this.loggerContext);
		event.setLoggerName("test.logger");
		event.setLevel(Level.INFO);
		event.setThreadName("worker-1");
		event.setMessage(message);
		event.setMDCPropertyMap(mdc);
		event.setTimeStamp(System.currentTimeMillis());
		return event;
	}

	private Map<String, Object> write(ILoggingEvent event) {
		String line = formatter().format(event);
		assertThat(line).endsWith("\n");
		assertThat(line.substring(0, line.length() - 1)).doesNotContain("\n", "\r");
		return JsonLines.parseLine(line.trim());
	}

	@Test
	void writesTraceAndSpanIdsAtTopLevel() {
		Map<String, Object> line = write(event("hello", Map.of("trace_id", "abc123", "spanId", "00f067aa0ba902b7",
				"traceId", "4bf92f3577b34da6a3ce929d0e0e4736", "user", "u1")));
		assertThat(line).containsEntry("trace_id", "abc123")
			.containsEntry("span_id", "00f067aa0ba902b7")
			.containsEntry("message", "hello")
			.containsEntry("level", "INFO")
			.containsEntry("logger", "test.logger")
			.containsEntry("thread", "worker-1")
			.containsEntry("user", "u1")
			.containsKey("@timestamp")
			.doesNotContainKeys("traceId", "spanId", "trace_id_fallback");
	}

	@Test
	void spanTraceIdStandsInWhenOnlyMicrometerSetOne() {
		assertThat(write(event("in observation", Map.of("traceId", "4bf92f3577b34da6a3ce929d0e0e4736"))))
			.containsEntry("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
	}

	@Test
	void linesOutsideAnyRequestCarryOnlyTheFallbackId() {
		Map<String, Object> line = write(event("startup", Map.of()));
		assertThat(line).doesNotContainKey("trace_id");
		assertThat((String) line.get("trace_id_fallback")).matches("[0-9a-f]{32}");
		assertThat(write(event("again", Map.of()))).containsEntry("trace_id_fallback", line.get("trace_id_fallback"));
	}

	@Test
	void fallbackIdComesFromTheInitContainerWhenValid() {
		this.environment.setProperty("TRACE_ID", "init-container-id");
		assertThat(write(event("startup", Map.of()))).containsEntry("trace_id_fallback", "init-container-id");
		this.environment.setProperty("TRACE_ID", "bad value\"");
		assertThat((String) write(event("startup", Map.of())).get("trace_id_fallback")).matches("[0-9a-f]{32}");
	}

	@Test
	void fallbackIdIsDerivedFromThePodUid() {
		this.environment.setProperty("POD_UID", "uid-1");
		String first = (String) write(event("a", Map.of())).get("trace_id_fallback");
		this.environment.setProperty("POD_UID", "uid-2");
		String second = (String) write(event("b", Map.of())).get("trace_id_fallback");
		assertThat(first).matches("[0-9a-f]{32}").isNotEqualTo(second);
	}

	@Test
	void podMetadataAndServiceNameWhenTheDownwardApiProvidesThem() {
		this.environment.setProperty("POD_NAME", "orders-7d4f");
		this.environment.setProperty("POD_NAMESPACE", "shop");
		this.environment.setProperty("NODE_NAME", "node-3");
		this.environment.setProperty("POD_UID", "0c7a-11");
		this.environment.setProperty("spring.application.name", "orders");
		assertThat(write(event("x", Map.of()))).containsEntry("k8s.pod.name", "orders-7d4f")
			.containsEntry("k8s.namespace.name", "shop")
			.containsEntry("k8s.node.name", "node-3")
			.containsEntry("k8s.pod.uid", "0c7a-11")
			.containsEntry("service.name", "orders");
		this.environment.setProperty("trace.k8s.enabled", "false");
		assertThat(write(event("x", Map.of()))).doesNotContainKeys("k8s.pod.name", "k8s.pod.uid");
	}

	@Test
	void keyValuePairsBecomeFields() {
		LoggingEvent event = event("order placed", Map.of());
		event.addKeyValuePair(new KeyValuePair("order", 42));
		event.addKeyValuePair(new KeyValuePair("paid", true));
		event.addKeyValuePair(new KeyValuePair("customer", "c\"1"));
		assertThat(write(event)).containsEntry("order", 42)
			.containsEntry("paid", true)
			.containsEntry("customer", "c\"1");
	}

	@Test
	void aKeyNamingAFieldOfTheFormatOrWrittenBeforeIsLeftOutAndTheLineKept() {
		// Found by TraceJsonStructuredLogFormatterFuzzTests: Boot's JSON writer threw on
		// a
		// name written twice, and Logback dropped the whole line.
		LoggingEvent event = event("kept", Map.of("trace_id", "real", "dup", "from mdc", "level", "forged"));
		event.addKeyValuePair(new KeyValuePair("dup", "from pair"));
		event.addKeyValuePair(new KeyValuePair("trace_id", "forged"));
		event.addKeyValuePair(new KeyValuePair("message", "forged"));
		event.addKeyValuePair(new KeyValuePair("twice", 1));
		event.addKeyValuePair(new KeyValuePair("twice", 2));
		assertThat(write(event)).containsEntry("message", "kept")
			.containsEntry("trace_id", "real")
			.containsEntry("level", "INFO")
			.containsEntry("dup", "from mdc")
			.containsEntry("twice", 1);
	}

	@Test
	void twoLongKeysCutAlikeGiveOneField() {
		this.environment.setProperty("trace.logging.max-field-length", "64");
		String prefix = "k".repeat(70);
		Map<String, Object> line = write(event("kept", Map.of(prefix + "a", "1", prefix + "b", "2")));
		assertThat(line).containsEntry("message", "kept").containsKey("k".repeat(64) + "...[truncated 7 chars]");
	}

	@Test
	void fieldNamesAreConfigurable() {
		this.environment.setProperty("trace.logging.trace-id-field", "traceid");
		this.environment.setProperty("trace.logging.span-id-field", "spanid");
		assertThat(write(event("x", Map.of("trace_id", "t1", "spanId", "s1")))).containsEntry("traceid", "t1")
			.containsEntry("spanid", "s1")
			.doesNotContainKeys("trace_id", "span_id");
	}

	@Test
	void longValuesAreCutWithAMarkerAndCounted() {
		this.environment.setProperty("trace.logging.max-field-length", "100");
		long before = TruncationCounter.count();
		Map<String, Object> line = write(event("m".repeat(1024 * 1024), Map.of("big", "v".repeat(150))));
		assertThat((String) line.get("message")).hasSize(100 + "...[truncated 1048476 chars]".length())
			.endsWith("...[truncated 1048476 chars]");
		assertThat((String) line.get("big")).endsWith("...[truncated 50 chars]");
		assertThat(TruncationCounter.count() - before).isEqualTo(2);
	}

	@Test
	void cutNeverSplitsASurrogatePair() {
		this.environment.setProperty("trace.logging.max-field-length", "64");
		String message = "a".repeat(63) + "😀" + "b".repeat(10);
		Map<String, Object> line = write(event(message, Map.of()));
		assertThat((String) line.get("message")).startsWith("a".repeat(63) + "...[truncated 12 chars]");
	}

	@ParameterizedTest
	@ValueSource(strings = { "quote \" and backslash \\", "new\nline\r\nand\ttab", "nul \u0000 bell \u0007 esc \u001b",
			"{\"trace_id\":\"forged\"}", "\",\"trace_id\":\"forged", "lone \uD800 high", "lone \uDC00 low",
			"line sep \u2028 para \u2029", "emoji 😀 and ünïcödé", "</script><script>alert(1)</script>" })
	void everyLineIsValidJsonWhateverTheMessage(String message) {
		Map<String, Object> line = write(event(message, Map.of("trace_id", "real", "k\"ey\n", "v\u0000")));
		assertThat(line).containsEntry("trace_id", "real");
		assertThat(line.get("message")).isNotNull();
	}

	@Test
	void deepCauseChainsStayOneValidLine() {
		Throwable cause = new IllegalStateException("root \"cause\"\nline two");
		for (int i = 0; i < 200; i++) {
			cause = new RuntimeException("level " + i, cause);
		}
		LoggingEvent event = event("failed", Map.of("trace_id", "err-1"));
		event.setThrowableProxy(new ThrowableProxy(cause));
		Map<String, Object> line = write(event);
		assertThat(line).containsEntry("error.type", "java.lang.RuntimeException")
			.containsEntry("error.message", "level 199")
			.doesNotContainKey("error");
		assertThat((String) line.get("error.stack_trace")).contains("level 199").endsWith(" chars]");
	}

}
