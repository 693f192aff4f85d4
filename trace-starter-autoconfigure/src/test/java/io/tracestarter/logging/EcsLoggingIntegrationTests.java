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
