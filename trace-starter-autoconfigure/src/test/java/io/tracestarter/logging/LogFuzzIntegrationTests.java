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

package io.tracestarter.logging;

import java.util.List;
import java.util.Map;
import java.util.Random;

import io.tracestarter.JsonLines;
import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 10,000 random messages and key-value pairs (any UTF-16 code unit, lone surrogates,
 * control characters, values up to 64 KiB, nested causes) through the application's real
 * logging: every stdout line parses as one JSON object and carries the right id.
 */
@SpringBootTest(classes = LogFuzzIntegrationTests.FuzzApplication.class, webEnvironment = WebEnvironment.NONE)
@ExtendWith(OutputCaptureExtension.class)
class LogFuzzIntegrationTests {

	private static final Logger logger = LoggerFactory.getLogger(LogFuzzIntegrationTests.class);

	private static final int MESSAGES = 10_000;

	@Test
	void everyLineIsOneValidJsonObjectWithTheRightId(CapturedOutput output) {
		Random random = new Random(20261128L);
		for (int i = 0; i < MESSAGES; i++) {
			String id = "fuzz-" + i;
			try (TraceScope scope = TraceContext.open(id)) {
				var line = logger.atInfo().addKeyValue("expect", id).addKeyValue(text(random, 40), text(random, 200));
				if (i % 10 == 0) {
					line = line.addKeyValue("huge", text(random, 64 * 1024));
				}
				if (i % 50 == 0) {
					Throwable cause = new IllegalStateException(text(random, 100));
					for (int depth = 0; depth < 1 + random.nextInt(30); depth++) {
						cause = new RuntimeException(text(random, 50), cause);
					}
					line = line.setCause(cause);
				}
				line.log(text(random, (i % 100 == 0) ? 100_000 : 300));
			}
		}
		String out = output.getOut();
		List<String> rawLines = out.lines().filter((line) -> line.startsWith("{\"@timestamp\"")).toList();
		List<Map<String, Object>> lines = rawLines.stream().map(JsonLines::parseLine).toList();
		List<Map<String, Object>> fuzzed = lines.stream().filter((line) -> line.containsKey("expect")).toList();
		assertThat(fuzzed).hasSize(MESSAGES);
		assertThat(fuzzed).allSatisfy((line) -> assertThat(line.get("trace_id")).isEqualTo(line.get("expect")));
		// Nothing but JSON lines and blank lines reached stdout: no line was split.
		assertThat(out.lines().filter((line) -> !line.isBlank() && !line.startsWith("{\"@timestamp\""))).isEmpty();
	}

	/**
	 * Random UTF-16 text: every code unit is possible, including control characters,
	 * quotes, backslashes, line separators and unpaired surrogates.
	 */
	private static String text(Random random, int maxLength) {
		int length = random.nextInt(maxLength + 1);
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			int kind = random.nextInt(10);
			char ch = switch (kind) {
				case 0 -> (char) random.nextInt(0x20);
				case 1 -> "\"\\{}[]:,\u2028\u2029\u0085".charAt(random.nextInt(11));
				case 2 -> (char) (0xD800 + random.nextInt(0x800));
				case 3 -> (char) random.nextInt(0x10000);
				default -> (char) (0x20 + random.nextInt(0x5F));
			};
			text.append(ch);
		}
		return text.toString();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class FuzzApplication {

	}

}
