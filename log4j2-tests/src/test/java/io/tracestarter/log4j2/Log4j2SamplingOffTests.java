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

import java.util.List;
import java.util.Map;

import io.tracestarter.core.RequestSampling;
import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Log sampling asked for on Log4j2: it is off, one INFO line at start-up says so and why,
 * and every line is written, also one a rule would drop on Logback.
 */
@SpringBootTest(classes = Log4j2Application.class, webEnvironment = WebEnvironment.NONE,
		properties = { "trace.sampling.enabled=true", "trace.sampling.rules[0].logger=sampled.probe",
				"trace.sampling.rules[0].rate=0" })
@ExtendWith(OutputCaptureExtension.class)
class Log4j2SamplingOffTests {

	@Autowired
	ApplicationContext context;

	@Test
	void oneInfoLineSaysSamplingIsOffAndEveryLineIsWritten(CapturedOutput output) {
		assertThat(this.context.getBeanNamesForType(RequestSampling.class)).isEmpty();
		List<Map<String, Object>> notices = JsonLines.parse(output.getOut())
			.stream()
			.filter((line) -> String.valueOf(line.get("message")).startsWith("Log sampling is off"))
			.toList();
		assertThat(notices).singleElement().satisfies((line) -> {
			assertThat(line).containsEntry("level", "INFO");
			assertThat((String) line.get("message")).contains("trace.sampling.enabled", "Logback");
		});
		try (TraceScope scope = TraceContext.open("sampled-1")) {
			LoggerFactory.getLogger("sampled.probe").info("kept although the rule says 0");
		}
		assertThat(JsonLines.withMessage(output.getOut(), "kept although the rule says 0")).singleElement()
			.satisfies((line) -> assertThat(line).containsEntry("trace_id", "sampled-1"));
	}

}
