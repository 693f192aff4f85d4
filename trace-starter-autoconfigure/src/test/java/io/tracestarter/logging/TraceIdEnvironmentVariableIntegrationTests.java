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

import io.tracestarter.JsonLines;
import io.tracestarter.autoconfigure.TraceProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs in a Surefire execution of its own whose JVM has the environment variable
 * {@code TRACE_ID=init-container-7} (the init container's fallback id): the application
 * starts although Boot's relaxed binding reads {@code TRACE_ID} as {@code trace.id} (with
 * no {@code trace.id.*} setting beside it, that failed to bind), lines outside a request
 * carry the variable as {@code trace_id_fallback}, and {@code trace.id.*} settings still
 * bind.
 */
@ExtendWith(OutputCaptureExtension.class)
class TraceIdEnvironmentVariableIntegrationTests {

	@Test
	void theInitContainersIdIsTheFallbackAndTheApplicationStarts(CapturedOutput output) {
		assertThat(System.getenv("TRACE_ID")).as("set by the Surefire execution").isEqualTo("init-container-7");
		try (ConfigurableApplicationContext context = run()) {
			assertThat(context.getBean(TraceProperties.class).getId().getMaxLength()).isEqualTo(128);
			LoggerFactory.getLogger(TraceIdEnvironmentVariableIntegrationTests.class).info("outside any request");
			assertThat(JsonLines.withMessage(output, "outside any request"::equals)).singleElement()
				.satisfies((line) -> assertThat(line).containsEntry("trace_id_fallback", "init-container-7")
					.doesNotContainKey("trace_id"));
		}
	}

	@Test
	void traceIdSettingsStillBind() {
		try (ConfigurableApplicationContext context = run("trace.id.max-length=64")) {
			assertThat(context.getBean(TraceProperties.class).getId().getMaxLength()).isEqualTo(64);
		}
	}

	private static ConfigurableApplicationContext run(String... properties) {
		return new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.properties("management.tracing.export.otlp.enabled=false", "management.otlp.metrics.export.enabled=false")
			.properties(properties)
			.run();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

}
