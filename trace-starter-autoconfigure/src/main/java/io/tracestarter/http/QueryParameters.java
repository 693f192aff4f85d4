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
		try {
			return URLDecoder.decode(value, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			// A malformed escape: keep the raw text, validation rejects it.
			return value;
		}
	}

}
