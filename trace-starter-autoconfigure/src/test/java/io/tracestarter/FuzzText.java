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

package io.tracestarter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a fuzzer's bytes into text, so that the seed files of the fuzz tests can stay
 * readable: the bytes are read as UTF-8 (a malformed sequence becomes U+FFFD), then each
 * escape {@code \}{@code uXXXX} (four hex digits) becomes that UTF-16 code unit, which
 * lets a seed, and the fuzzer, hold lone surrogates and any control character.
 */
public final class FuzzText {

	private FuzzText() {
	}

	/**
	 * Decode bytes as described above.
	 * @param bytes the fuzzer's input
	 * @return the text
	 */
	public static String decode(byte[] bytes) {
		return unescape(new String(bytes, StandardCharsets.UTF_8));
	}

	/**
	 * Split the input into fields at each raw line feed (before escapes are read, so a
	 * field still holds a line feed written as {@code \}{@code u000a}); the last field
	 * takes the rest of the input, raw line feeds included. Missing fields are empty.
	 * @param bytes the fuzzer's input
	 * @param count how many fields
	 * @return exactly {@code count} decoded fields
	 */
	public static List<String> fields(byte[] bytes, int count) {
		String text = new String(bytes, StandardCharsets.UTF_8);
		List<String> fields = new ArrayList<>(count);
		int start = 0;
		for (int i = 0; i < count - 1; i++) {
			int end = (start <= text.length()) ? text.indexOf('\n', start) : -1;
			if (end < 0) {
				fields.add((start <= text.length()) ? unescape(text.substring(start)) : "");
				start = text.length() + 1;
			}
			else {
				fields.add(unescape(text.substring(start, end)));
				start = end + 1;
			}
		}
		fields.add((start <= text.length()) ? unescape(text.substring(start)) : "");
		return fields;
	}

	/**
	 * Show a value with every character outside printable ASCII escaped, for failure
	 * messages.
	 * @param value the value
	 * @return the value in double quotes
	 */
	public static String quoted(String value) {
		StringBuilder result = new StringBuilder("\"");
		value.chars()
			.forEach((ch) -> result.append((ch >= 0x20 && ch < 0x7f && ch != '\\') ? String.valueOf((char) ch)
					: String.format("\\u%04x", ch)));
		return result.append('"').toString();
	}

	private static String unescape(String text) {
		if (text.indexOf('\\') < 0) {
			return text;
		}
		StringBuilder result = new StringBuilder(text.length());
		int i = 0;
		while (i < text.length()) {
			char ch = text.charAt(i);
			if (ch == '\\' && i + 6 <= text.length() && text.charAt(i + 1) == 'u' && isHex(text, i + 2, i + 6)) {
				result.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
				i += 6;
			}
			else {
				result.append(ch);
				i++;
			}
		}
		return result.toString();
	}

	private static boolean isHex(String text, int from, int to) {
		for (int i = from; i < to; i++) {
			char ch = text.charAt(i);
			if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F'))) {
				return false;
			}
		}
		return true;
	}

}
