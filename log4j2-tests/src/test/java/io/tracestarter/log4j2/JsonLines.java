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

package io.tracestarter.log4j2;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses what the application really wrote to stdout into one map per JSON line. A line
 * that starts like JSON but does not parse fails the test.
 */
final class JsonLines {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private JsonLines() {
	}

	static List<Map<String, Object>> parse(String text) {
		List<Map<String, Object>> lines = new ArrayList<>();
		text.lines().filter((line) -> line.startsWith("{")).forEach((line) -> lines.add(parseLine(line)));
		return lines;
	}

	static Map<String, Object> parseLine(String line) {
		try {
			return MAPPER.readValue(line, new TypeReference<Map<String, Object>>() {
			});
		}
		catch (RuntimeException ex) {
			throw new AssertionError("Not a valid JSON line: " + line, ex);
		}
	}

	static List<Map<String, Object>> withMessage(String text, String message) {
		return parse(text).stream().filter((line) -> message.equals(line.get("message"))).toList();
	}

}
