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

package io.tracestarter.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses what an application really wrote to stdout into one map per JSON line. A line
 * that starts like JSON but does not parse fails the test.
 */
final class JsonLines {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private JsonLines() {
	}

	static List<Map<String, Object>> parse(String text) {
		List<Map<String, Object>> lines = new ArrayList<>();
		for (String line : text.split("\n")) {
			if (line.startsWith("{")) {
				try {
					lines.add(MAPPER.readValue(line, new TypeReference<Map<String, Object>>() {
					}));
				}
				catch (RuntimeException ex) {
					throw new AssertionError("Not a valid JSON line: " + line, ex);
				}
			}
		}
		return lines;
	}

	static List<Map<String, Object>> hops(String text, String tag) {
		return parse(text).stream().filter((line) -> tag.equals(line.get("tag"))).toList();
	}

}
