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

import java.util.Map;

import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot's own structured formats on Log4j2 carry the id under the names they
 * define: ECS's {@code trace.id}, the MDC name in Logstash's format, GELF's
 * {@code _}-prefixed additional field. Each application is closed before the next, so
 * Boot sets Log4j2 up afresh with the next format.
 */
@ExtendWith(OutputCaptureExtension.class)
class Log4j2BootFormatsTests {

	@Test
	void ecsLinesCarryTraceDotId(CapturedOutput output) {
		Map<String, Object> line = logWith("ecs", "ecs-1", output);
		assertThat(line).containsEntry("trace.id", "ecs-1").doesNotContainKey("trace_id").containsKey("ecs");
	}

	@Test
	void logstashLinesCarryTheMdcName(CapturedOutput output) {
		Map<String, Object> line = logWith("logstash", "logstash-1", output);
		assertThat(line).containsEntry("trace_id", "logstash-1").containsKey("@version");
	}

	@Test
	void gelfLinesCarryAnAdditionalField(CapturedOutput output) {
		Map<String, Object> line = logWith("gelf", "gelf-1", output);
		assertThat(line).containsEntry("_trace_id", "gelf-1").containsEntry("version", "1.1");
	}

	private Map<String, Object> logWith(String format, String traceId, CapturedOutput output) {
		String message = format + " line";
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Log4j2Application.class)
			.web(WebApplicationType.NONE)
			.properties("logging.structured.format.console=" + format)
			.run()) {
			try (TraceScope scope = TraceContext.open(traceId)) {
				LoggerFactory.getLogger("formats.test").info(message);
			}
		}
		return JsonLines.parse(output.getOut())
			.stream()
			.filter((line) -> message.equals(line.get("message")) || message.equals(line.get("short_message")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No " + format + " line in:\n" + output.getOut()));
	}

}
