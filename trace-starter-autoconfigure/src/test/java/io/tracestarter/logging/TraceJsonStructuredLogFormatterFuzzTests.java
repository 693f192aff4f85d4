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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tracestarter.FuzzText;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.logging.structured.StructuredLogFormatter;
import org.springframework.boot.logging.structured.StructuredLogFormatterFactory;
import org.springframework.mock.env.MockEnvironment;

/**
 * Coverage-guided fuzzing of the JSON line format. The input's fields, split at raw line
 * feeds ({@link FuzzText#fields}), are an MDC key and value, a key-value pair's key and
 * value, an exception message and its cause's message, and the log message (the rest, raw
 * line feeds included). Each event is written by the formatter with the default field
 * limit and with the smallest one allowed (64). Invariant: no exception escapes; the
 * output is exactly one line, ended by one line feed, with no CR or LF inside; the line,
 * as text and as the UTF-8 bytes written to stdout, is one JSON object that Jackson reads
 * with duplicate names and trailing content refused; {@code trace_id} is the MDC's id;
 * the message, the exception's message and the MDC and key-value values (where their key
 * is not empty and names no field of the format) come back as given, or, when longer than
 * the limit, as their first {@code limit} characters (one less where that would split a
 * surrogate pair) followed by {@code ...[truncated N chars]}, N being the number of
 * characters cut.
 */
class TraceJsonStructuredLogFormatterFuzzTests {

	private static final int SMALLEST_LIMIT = 64;

	private static final int DEFAULT_LIMIT = 16 * 1024;

	private static final Pattern MARKER = Pattern.compile("\\.\\.\\.\\[truncated (\\d+) chars\\]$");

	/** Names the format writes itself; an MDC or key-value key of these collides. */
	private static final Set<String> FORMAT_FIELDS = Set.of("@timestamp", "level", "logger", "thread", "message",
			"trace_id", "trace_id_fallback", "span_id", "error", "error.type", "error.message", "error.stack_trace",
			"traceId", "spanId");

	private static final JsonMapper STRICT = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private static final LoggerContext LOGGER_CONTEXT = (LoggerContext) LoggerFactory.getILoggerFactory();

	private static final StructuredLogFormatter<ILoggingEvent> DEFAULT = formatter(null);

	private static final StructuredLogFormatter<ILoggingEvent> SMALLEST = formatter(SMALLEST_LIMIT);

	@FuzzTest(maxDuration = "8s")
	void everyLineIsOneValidJsonObject(byte[] input) {
		List<String> fields = FuzzText.fields(input, 7);
		ILoggingEvent event = event(fields);
		check(DEFAULT, DEFAULT_LIMIT, event, fields);
		check(SMALLEST, SMALLEST_LIMIT, event, fields);
	}

	private static StructuredLogFormatter<ILoggingEvent> formatter(Integer maxFieldLength) {
		MockEnvironment environment = new MockEnvironment();
		if (maxFieldLength != null) {
			environment.setProperty("trace.logging.max-field-length", maxFieldLength.toString());
		}
		return new StructuredLogFormatterFactory<>(ILoggingEvent.class, environment, null, (common) -> {
		}).get(TraceJsonStructuredLogFormatter.class.getName());
	}

	private static ILoggingEvent event(List<String> fields) {
		LoggingEvent event = new LoggingEvent();
		event.setLoggerContext(LOGGER_CONTEXT);
		event.setLoggerName("fuzz.logger");
		event.setLevel(Level.INFO);
		event.setThreadName("fuzz-1");
		event.setTimeStamp(1764633600000L);
		Map<String, String> mdc = new HashMap<>();
		mdc.put("trace_id", "fuzz-id");
		mdc.put(fields.get(0), fields.get(1));
		event.setMDCPropertyMap(mdc);
		event.addKeyValuePair(new KeyValuePair(fields.get(2), fields.get(3)));
		if (!fields.get(4).isEmpty()) {
			Throwable error = new IllegalStateException(fields.get(4), new RuntimeException(fields.get(5)));
			event.setThrowableProxy(new ThrowableProxy(error));
		}
		event.setMessage(fields.get(6));
		return event;
	}

	private static void check(StructuredLogFormatter<ILoggingEvent> formatter, int limit, ILoggingEvent event,
			List<String> fields) {
		String line = formatter.format(event);
		int end = line.length() - 1;
		if (!line.endsWith("\n") || line.indexOf('\n') != end || line.indexOf('\r') >= 0) {
			fail("not exactly one line", line, fields);
		}
		Map<String, Object> json = parse(line, fields);
		parse(new String(line.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8), fields);
		String traceId = event.getMDCPropertyMap().get("trace_id");
		if (!traceId.equals(json.get("trace_id"))) {
			fail("trace_id is not the MDC's " + FuzzText.quoted(traceId), line, fields);
		}
		expectCutOf(fields.get(6), json.get("message"), limit, "message", line, fields);
		if (!fields.get(4).isEmpty()) {
			expectCutOf(fields.get(4), json.get("error.message"), limit, "error.message", line, fields);
		}
		String mdcKey = fields.get(0);
		String pairKey = fields.get(2);
		if (!mdcKey.equals(pairKey)) {
			expectValue(mdcKey, fields.get(1), json, limit, line, fields);
			expectValue(pairKey, fields.get(3), json, limit, line, fields);
		}
	}

	private static void expectValue(String key, String value, Map<String, Object> json, int limit, String line,
			List<String> fields) {
		// Boot's context pairs write no field for an empty key (found by this test).
		if (!key.isEmpty() && key.length() <= limit && !FORMAT_FIELDS.contains(key)) {
			expectCutOf(value, json.get(key), limit, "value of " + FuzzText.quoted(key), line, fields);
		}
	}

	private static void expectCutOf(String original, Object written, int limit, String what, String line,
			List<String> fields) {
		if (!(written instanceof String text)) {
			fail(what + " missing", line, fields);
			return;
		}
		if (original.length() <= limit) {
			if (!text.equals(original)) {
				fail(what + " changed", line, fields);
			}
			return;
		}
		Matcher marker = MARKER.matcher(text);
		if (!marker.find()) {
			fail(what + " cut without the marker", line, fields);
			return;
		}
		String kept = text.substring(0, marker.start());
		boolean pairKept = kept.length() == limit - 1 && Character.isHighSurrogate(original.charAt(limit - 1));
		if (!original.startsWith(kept) || (kept.length() != limit && !pairKept)
				|| Long.parseLong(marker.group(1)) != original.length() - kept.length()) {
			fail(what + " cut wrongly", line, fields);
		}
	}

	private static Map<String, Object> parse(String line, List<String> fields) {
		try {
			return STRICT.readValue(line, new TypeReference<Map<String, Object>>() {
			});
		}
		catch (RuntimeException ex) {
			throw new AssertionError("Not one valid JSON object (" + ex.getMessage() + "): " + FuzzText.quoted(line)
					+ " from fields " + quoted(fields), ex);
		}
	}

	private static void fail(String what, String line, List<String> fields) {
		throw new AssertionError(what + ": " + FuzzText.quoted(line) + " from fields " + quoted(fields));
	}

	private static String quoted(List<String> fields) {
		return fields.stream().map(FuzzText::quoted).toList().toString();
	}

}
