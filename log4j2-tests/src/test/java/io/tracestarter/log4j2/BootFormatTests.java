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

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * One of Spring Boot's own structured formats on Log4j2 carries the id under the name it
 * defines. Boot keeps the first format it set up for the JVM, so each subclass runs in a
 * Surefire execution of its own.
 */
@SpringBootTest(classes = Log4j2Application.class, webEnvironment = WebEnvironment.NONE)
@ExtendWith(OutputCaptureExtension.class)
abstract class BootFormatTests {

	@Value("${logging.structured.format.console}")
	String format;

	abstract void assertCarriesTheId(Map<String, Object> line, String traceId);

	@Test
	void linesCarryTheIdUnderTheFormatsName(CapturedOutput output) {
		String message = this.format + " line";
		String traceId = this.format + "-1";
		try (TraceScope scope = TraceContext.open(traceId)) {
			LoggerFactory.getLogger("formats.test").info(message);
		}
		Map<String, Object> line = JsonLines.parse(output.getOut())
			.stream()
			.filter((candidate) -> message.equals(candidate.get("message"))
					|| message.equals(candidate.get("short_message")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No " + this.format + " line in:\n" + output.getOut()));
		assertCarriesTheId(line, traceId);
	}

}
