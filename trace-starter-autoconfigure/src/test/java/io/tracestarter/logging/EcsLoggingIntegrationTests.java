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

import java.util.Map;

import io.tracestarter.JsonLines;
import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that chose Boot's ECS format gets ECS's {@code trace.id}.
 */
@ExtendWith(OutputCaptureExtension.class)
class EcsLoggingIntegrationTests {

	@Test
	void ecsLinesCarryTraceDotId(CapturedOutput output) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(EcsApplication.class)
			.web(WebApplicationType.NONE)
			.properties("logging.structured.format.console=ecs")
			.run()) {
			try (TraceScope scope = TraceContext.open("ecs-1")) {
				LoggerFactory.getLogger("ecs.test").info("ecs line");
			}
			Map<String, Object> line = JsonLines.withMessage(output, "ecs line"::equals).get(0);
			assertThat(line).containsEntry("trace.id", "ecs-1").doesNotContainKey("trace_id").containsKey("ecs");
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class EcsApplication {

	}

}
