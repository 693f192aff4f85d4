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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;

/**
 * Parses what an application really wrote to stdout into one map per JSON line. A line
 * that starts like JSON but does not parse fails the test.
 */
public final class JsonLines {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private JsonLines() {
	}

	public static List<Map<String, Object>> parse(CapturedOutput output) {
		return parse(output.getOut());
	}

	public static List<Map<String, Object>> parse(String text) {
		List<Map<String, Object>> lines = new ArrayList<>();
		for (String line : text.split("\n")) {
			if (line.startsWith("{")) {
				lines.add(parseLine(line));
			}
		}
		return lines;
	}

	public static Map<String, Object> parseLine(String line) {
		try {
			return MAPPER.readValue(line, new TypeReference<Map<String, Object>>() {
			});
		}
		catch (RuntimeException ex) {
			throw new AssertionError("Not a valid JSON line: " + line, ex);
		}
	}

	/**
	 * Return the lines whose message matches, in the order written.
	 */
	public static List<Map<String, Object>> withMessage(CapturedOutput output, Predicate<String> message) {
		return parse(output).stream().filter((line) -> message.test(String.valueOf(line.get("message")))).toList();
	}

}
