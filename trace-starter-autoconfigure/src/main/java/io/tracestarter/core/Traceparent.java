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

import org.jspecify.annotations.Nullable;

/**
 * Reads a W3C Trace Context {@code traceparent} value, following the parsing rules of the
 * recommendation (section 3.2 and 4.3: version {@code ff} is invalid, ids must be
 * lowercase hex and not all zeros, a higher version is parsed by the version 00 layout
 * and may carry more fields after a '-').
 */
final class Traceparent {

	/** The version 00 layout: 2 + 1 + 32 + 1 + 16 + 1 + 2. */
	private static final int VERSION_00_LENGTH = 55;

	/** Far longer than any version will be; stops us scanning hostile input. */
	private static final int MAX_LENGTH = 512;

	/** 1 for each ASCII character that is not a lowercase hex digit. */
	private static final byte[] NOT_LOWER_HEX = notLowerHexTable();

	private Traceparent() {
	}

	/**
	 * Return the trace-id part of a {@code traceparent} value.
	 * @param value the header value
	 * @return the 32-character trace-id, or {@code null} when the value is invalid
	 */
	static @Nullable String traceId(String value) {
		String trimmed = trimOws(value);
		return (trimmed != null && isValid(trimmed)) ? trimmed.substring(3, 35) : null;
	}

	/**
	 * Parse a {@code traceparent} value.
	 * @param value the header value
	 * @return its parts, or {@code null} when the value is invalid
	 */
	static @Nullable Parts parse(String value) {
		String trimmed = trimOws(value);
		if (trimmed == null || !isValid(trimmed)) {
			return null;
		}
		int flags = Character.digit(trimmed.charAt(53), 16) * 16 + Character.digit(trimmed.charAt(54), 16);
		return new Parts(trimmed.substring(3, 35), trimmed.substring(36, 52), flags);
	}

	/**
	 * Return whether {@code value} has the shape of a W3C trace-id: 32 lowercase hex
	 * characters, not all zeros.
	 * @param value the value
	 * @return {@code true} when it has
	 */
	static boolean isTraceId(String value) {
		return value.length() == 32 && isLowerHex(value, 0, 32) && !isAllZeros(value, 0, 32);
	}

	// The header's optional white space (RFC 9110: spaces and tabs) around the value is
	// not part of it; servers strip it, the W3C test suite sends it.
	private static @Nullable String trimOws(String value) {
		int length = value.length();
		if (length > MAX_LENGTH) {
			return null;
		}
		int from = 0;
		int to = length;
		while (from < to && isOws(value.charAt(from))) {
			from++;
		}
		while (to > from && isOws(value.charAt(to - 1))) {
			to--;
		}
		return (from == 0 && to == length) ? value : value.substring(from, to);
	}

	private static boolean isOws(char ch) {
		return ch == ' ' || ch == '\t';
	}

	private static boolean isValid(String value) {
		int length = value.length();
		if (length < VERSION_00_LENGTH || !isLowerHex(value, 0, 2) || value.startsWith("ff")) {
			return false;
		}
		boolean version00 = value.startsWith("00");
		if (version00 && length != VERSION_00_LENGTH) {
			return false;
		}
		if (!version00 && length > VERSION_00_LENGTH && value.charAt(VERSION_00_LENGTH) != '-') {
			return false;
		}
		if (value.charAt(2) != '-' || value.charAt(35) != '-' || value.charAt(52) != '-') {
			return false;
		}
		if (!isLowerHex(value, 3, 35) || !isLowerHex(value, 36, 52) || !isLowerHex(value, 53, 55)) {
			return false;
		}
		return !isAllZeros(value, 3, 35) && !isAllZeros(value, 36, 52);
	}

	// Flags ORed over the range, as in TraceIdValidator: no branch per random digit.
	private static boolean isLowerHex(String value, int from, int to) {
		int invalid = 0;
		for (int i = from; i < to; i++) {
			char ch = value.charAt(i);
			invalid |= (ch < 128) ? NOT_LOWER_HEX[ch] : 1;
		}
		return invalid == 0;
	}

	private static byte[] notLowerHexTable() {
		byte[] table = new byte[128];
		for (int ch = 0; ch < table.length; ch++) {
			table[ch] = (byte) (((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f')) ? 0 : 1);
		}
		return table;
	}

	private static boolean isAllZeros(String value, int from, int to) {
		for (int i = from; i < to; i++) {
			if (value.charAt(i) != '0') {
				return false;
			}
		}
		return true;
	}

	/**
	 * The parts of a valid {@code traceparent}.
	 *
	 * @param traceId the 32-character trace-id
	 * @param parentId the 16-character parent-id
	 * @param flags the trace-flags
	 */
	record Parts(String traceId, String parentId, int flags) {
	}

}
