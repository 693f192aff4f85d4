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
 * Reads the trace-id out of a W3C Trace Context {@code traceparent} value, following the
 * parsing rules of the recommendation (section 3.2 and 4.3: version {@code ff} is
 * invalid, ids must be lowercase hex and not all zeros, a higher version is parsed by the
 * version 00 layout and may carry more fields after a '-').
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
		int length = value.length();
		if (length < VERSION_00_LENGTH || length > MAX_LENGTH) {
			return null;
		}
		if (!isLowerHex(value, 0, 2) || value.startsWith("ff")) {
			return null;
		}
		boolean version00 = value.startsWith("00");
		if (version00 && length != VERSION_00_LENGTH) {
			return null;
		}
		if (!version00 && length > VERSION_00_LENGTH && value.charAt(VERSION_00_LENGTH) != '-') {
			return null;
		}
		if (value.charAt(2) != '-' || value.charAt(35) != '-' || value.charAt(52) != '-') {
			return null;
		}
		if (!isLowerHex(value, 3, 35) || !isLowerHex(value, 36, 52) || !isLowerHex(value, 53, 55)) {
			return null;
		}
		if (isAllZeros(value, 3, 35) || isAllZeros(value, 36, 52)) {
			return null;
		}
		return value.substring(3, 35);
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

}
