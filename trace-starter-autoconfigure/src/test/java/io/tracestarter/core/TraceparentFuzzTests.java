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

package io.tracestarter.core;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tracestarter.FuzzText;

/**
 * Coverage-guided fuzzing of the {@code traceparent} parser against the W3C Trace Context
 * rules, written here from the recommendation (sections 3.2.2 and 4.3), not from the
 * parser. Invariant: no exception escapes, and a value is accepted exactly when
 * <ul>
 * <li>the version is two lowercase hex digits and not {@code ff};</li>
 * <li>then {@code -}, a trace-id of 32 lowercase hex digits not all zeros, {@code -}, a
 * parent-id of 16 lowercase hex digits not all zeros, {@code -}, two lowercase hex digits
 * of flags;</li>
 * <li>version {@code 00} ends there (exactly 55 characters); a higher version ends there
 * or goes on with {@code -} and anything;</li>
 * <li>and the value is at most 512 characters (the parser's documented bound on what it
 * scans);</li>
 * </ul>
 * and then the trace id returned is the value's trace-id field. Spaces and tabs around
 * the value (the header's optional white space, RFC 9110) are not part of it. The bytes
 * are read as Latin-1 (every byte one character) and as UTF-8 text with escapes
 * ({@link FuzzText}).
 */
class TraceparentFuzzTests {

	private static final Pattern W3C = Pattern.compile(
			"(?<version>[0-9a-f]{2})-(?<traceId>[0-9a-f]{32})-(?<parentId>[0-9a-f]{16})-[0-9a-f]{2}(?<rest>-.*)?",
			Pattern.DOTALL);

	private static final int MAX_LENGTH = 512;

	@FuzzTest(maxDuration = "8s")
	void acceptsExactlyWhatTheW3cRulesAllow(byte[] input) {
		check(new String(input, StandardCharsets.ISO_8859_1));
		check(FuzzText.decode(input));
	}

	private static void check(String value) {
		String traceId = Traceparent.traceId(value);
		String expected = expectedTraceId(value);
		if (!Objects.equals(traceId, expected)) {
			throw new AssertionError(
					"Expected " + expected + " but the parser gave " + traceId + " for " + FuzzText.quoted(value));
		}
	}

	private static String trimOws(String value) {
		int from = 0;
		int to = value.length();
		while (from < to && (value.charAt(from) == ' ' || value.charAt(from) == '\t')) {
			from++;
		}
		while (to > from && (value.charAt(to - 1) == ' ' || value.charAt(to - 1) == '\t')) {
			to--;
		}
		return value.substring(from, to);
	}

	private static String expectedTraceId(String value) {
		if (value.length() > MAX_LENGTH) {
			return null;
		}
		Matcher matcher = W3C.matcher(trimOws(value));
		if (!matcher.matches()) {
			return null;
		}
		String version = matcher.group("version");
		if (version.equals("ff") || (version.equals("00") && matcher.group("rest") != null)) {
			return null;
		}
		String traceId = matcher.group("traceId");
		if (traceId.equals("0".repeat(32)) || matcher.group("parentId").equals("0".repeat(16))) {
			return null;
		}
		return traceId;
	}

}
