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

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * Finds one parameter in a raw query string.
 */
final class QueryParameters {

	private QueryParameters() {
	}

	static @Nullable String first(@Nullable String query, String name) {
		if (query == null || query.isEmpty()) {
			return null;
		}
		int start = 0;
		while (start <= query.length()) {
			int end = query.indexOf('&', start);
			if (end < 0) {
				end = query.length();
			}
			int equals = query.indexOf('=', start);
			int nameEnd = (equals >= 0 && equals < end) ? equals : end;
			if (decode(query.substring(start, nameEnd)).equals(name)) {
				return (nameEnd < end) ? decode(query.substring(nameEnd + 1, end)) : "";
			}
			start = end + 1;
		}
		return null;
	}

	private static String decode(String value) {
		if (!hasOnlyAsciiHexEscapes(value)) {
			// A malformed escape: keep the raw text, validation rejects it.
			return value;
		}
		return URLDecoder.decode(value, StandardCharsets.UTF_8);
	}

	/**
	 * URLDecoder reads an escape with Integer.parseInt, which also takes a sign and
	 * non-ASCII digits: "%+a" would become a line feed, and "%" with a full-width 5 and F
	 * an underscore. Only '%' and two ASCII hex digits is an escape.
	 */
	private static boolean hasOnlyAsciiHexEscapes(String value) {
		for (int i = value.indexOf('%'); i >= 0; i = value.indexOf('%', i + 3)) {
			if (i + 2 >= value.length() || !isAsciiHex(value.charAt(i + 1)) || !isAsciiHex(value.charAt(i + 2))) {
				return false;
			}
		}
		return true;
	}

	private static boolean isAsciiHex(char ch) {
		return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
	}

}
