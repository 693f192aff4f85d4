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

package io.tracestarter.benchmarks.endtoend;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Counts the request lines a variant wrote during a round, how many carry a trace id and
 * how many distinct ids they hold, then empties the log (the app appends to it).
 */
final class LogCheck {

	// The starter's own key (also the OpenTelemetry agent's MDC key), ECS's (Boot's
	// rename for the starter's id) and Micrometer's MDC key.
	private static final List<String> ID_KEYS = List.of("\"trace_id\":\"", "\"trace.id\":\"", "\"traceId\":\"");

	long requestLines;

	long linesWithId;

	long distinctIds;

	void scanAndTruncate(Path log) throws IOException {
		Set<String> ids = new HashSet<>();
		try (BufferedReader reader = Files.newBufferedReader(log)) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (!line.contains("\"" + "e2e ")) {
					continue;
				}
				this.requestLines++;
				String id = traceId(line);
				if (id != null) {
					this.linesWithId++;
					ids.add(id);
				}
			}
		}
		this.distinctIds += ids.size();
		truncate(log);
	}

	static void truncate(Path log) throws IOException {
		try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
			channel.truncate(0);
		}
	}

	private static String traceId(String line) {
		for (String key : ID_KEYS) {
			int start = line.indexOf(key);
			if (start >= 0) {
				start += key.length();
				return line.substring(start, line.indexOf('"', start));
			}
		}
		return null;
	}

}
