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

package io.tracestarter.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tracestarter.FuzzText;

/**
 * Coverage-guided fuzzing of the query-parameter parser. Invariant: no exception escapes,
 * and for the names {@code trace_id} and {@code x} the parser gives what the independent
 * decoder below gives: parameters split at {@code &}, name and value at the first
 * {@code =}, the first parameter whose decoded name matches wins, a name without
 * {@code =} has the empty value. Decoding is {@code application/x-www-form-urlencoded}:
 * {@code +} is a space, {@code %} and two ASCII hex digits is a byte, runs of bytes are
 * UTF-8 (a malformed sequence becomes U+FFFD); a {@code %} not followed by two ASCII hex
 * digits leaves the whole name or value raw, for the validator to reject. So a value
 * holds CR or LF only where the query held that character raw or as
 * {@code %0D}/{@code %0A}, which is checked on its own as well. The bytes are read as
 * Latin-1 and as UTF-8 text with escapes ({@link FuzzText}).
 */
class QueryParametersFuzzTests {

	private static final String[] NAMES = { "trace_id", "x" };

	@FuzzTest(maxDuration = "8s")
	void decodesLikeAnIndependentDecoder(byte[] input) {
		check(new String(input, StandardCharsets.ISO_8859_1));
		check(FuzzText.decode(input));
	}

	private static void check(String query) {
		for (String name : NAMES) {
			String value = QueryParameters.first(query, name);
			String expected = expectedFirst(query, name);
			if (!Objects.equals(value, expected)) {
				throw new AssertionError("Parameter " + name + ": expected " + quoted(expected) + " but was "
						+ quoted(value) + " in " + FuzzText.quoted(query));
			}
			if (value != null && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) && !holdsLineBreak(query)) {
				throw new AssertionError(
						"A line break from nowhere in " + quoted(value) + " of " + FuzzText.quoted(query));
			}
		}
	}

	private static String expectedFirst(String query, String name) {
		if (query.isEmpty()) {
			return null;
		}
		for (String parameter : query.split("&", -1)) {
			int equals = parameter.indexOf('=');
			String rawName = (equals < 0) ? parameter : parameter.substring(0, equals);
			if (decode(rawName).equals(name)) {
				return (equals < 0) ? "" : decode(parameter.substring(equals + 1));
			}
		}
		return null;
	}

	private static String decode(String raw) {
		StringBuilder text = new StringBuilder(raw.length());
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		int i = 0;
		while (i < raw.length()) {
			char ch = raw.charAt(i);
			if (ch == '%') {
				int high = (i + 1 < raw.length()) ? asciiHex(raw.charAt(i + 1)) : -1;
				int low = (i + 2 < raw.length()) ? asciiHex(raw.charAt(i + 2)) : -1;
				if (high < 0 || low < 0) {
					return raw;
				}
				bytes.write(high * 16 + low);
				i += 3;
				continue;
			}
			text.append(bytes.toString(StandardCharsets.UTF_8));
			bytes.reset();
			text.append((ch == '+') ? ' ' : ch);
			i++;
		}
		return text.append(bytes.toString(StandardCharsets.UTF_8)).toString();
	}

	private static int asciiHex(char ch) {
		if (ch >= '0' && ch <= '9') {
			return ch - '0';
		}
		if (ch >= 'a' && ch <= 'f') {
			return ch - 'a' + 10;
		}
		if (ch >= 'A' && ch <= 'F') {
			return ch - 'A' + 10;
		}
		return -1;
	}

	private static boolean holdsLineBreak(String query) {
		String lower = query.toLowerCase(Locale.ROOT);
		return lower.contains("\r") || lower.contains("\n") || lower.contains("%0d") || lower.contains("%0a");
	}

	private static String quoted(String value) {
		return (value != null) ? FuzzText.quoted(value) : "null";
	}

}
