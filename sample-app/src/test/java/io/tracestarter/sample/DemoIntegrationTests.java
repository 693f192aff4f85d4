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

package io.tracestarter.sample;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code --demo} command as README runs it: its result is what the output ends with,
 * and the broker's and clients' own loggers say nothing below WARN.
 */
@ExtendWith(OutputCaptureExtension.class)
class DemoIntegrationTests {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private static final List<String> QUIET_LOGGERS = List.of("kafka.", "org.apache.kafka.", "state.change.logger",
			"io.grpc.");

	@Test
	void demoEndsWithTheHopTableAndTheTimeline(CapturedOutput output) {
		int exitCode = SampleApplication
			.demo(new String[] { "--demo", "--server.port=0", "--spring.grpc.server.port=0" }, System.out);
		assertThat(exitCode).isZero();
		List<String> lines = output.getOut().lines().toList();
		int lastJsonLine = -1;
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).startsWith("{\"")) {
				lastJsonLine = i;
			}
		}
		int table = lines.indexOf(String.format("%-8s %-36s %-10s %s", "LAYER", "THREAD", "TRACE_ID", "MESSAGE"));
		assertThat(lastJsonLine).isNotNegative();
		assertThat(table).isGreaterThan(lastJsonLine);
		assertThat(lines.subList(table, lines.size())).contains("GET /actuator/tracecontext/abc123")
			.last()
			.isEqualTo("Every hop carried trace_id abc123.");
		List<Map<String, Object>> logLines = lines.subList(0, lastJsonLine + 1)
			.stream()
			.filter((line) -> line.startsWith("{\""))
			.map(DemoIntegrationTests::parse)
			.toList();
		assertThat(logLines).isNotEmpty()
			.noneMatch((line) -> !"WARN".equals(line.get("level")) && !"ERROR".equals(line.get("level"))
					&& QUIET_LOGGERS.stream().anyMatch(String.valueOf(line.get("logger"))::startsWith));
	}

	private static Map<String, Object> parse(String line) {
		return mapper.readValue(line, new TypeReference<Map<String, Object>>() {
		});
	}

}
