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

package io.tracestarter.autoconfigure;

import java.util.List;
import java.util.Map;

import io.tracestarter.JsonLines;
import io.tracestarter.app.WebFluxTestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One INFO line at start-up tells what the starter switched on, on a real Netty server.
 */
@ExtendWith(OutputCaptureExtension.class)
class TraceStartupReportIntegrationTests {

	private static final String[] QUIET = { "server.port=0", "spring.grpc.server.port=0",
			"management.tracing.export.otlp.enabled=false", "management.otlp.metrics.export.enabled=false" };

	@Test
	void defaultsAreReportedInOneJsonLine(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start()) {
			Map<String, Object> line = reportLine(output);
			assertThat(line).containsEntry("level", "INFO").containsEntry("logger", TraceStartupReport.class.getName());
			assertThat(String.valueOf(line.get("message")))
				.contains("layers on [http, reactor, async, grpc, kafka, logging, k8s], off [sampling]")
				.contains("inbound id sources in order [header:X-Trace-ID, traceparent, header:X-Request-ID, "
						+ "query:trace_id]")
				.contains("trust trusted-proxies [127.0.0.0/8, ::1/128, 10.0.0.0/8, 172.16.0.0/12, "
						+ "192.168.0.0/16, fc00::/7]")
				.contains("; W3C Trace Context left to the tracer;")
				.endsWith("log format trace-starter JSON");
		}
	}

	@Test
	void settingsOfTheApplicationAreReported(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start("trace.kafka.enabled=false", "trace.sampling.enabled=true",
				"trace.id.sources=header:X-Correlation-ID,traceparent", "trace.inbound.trust=none",
				"logging.structured.format.console=ecs", "trace.w3c.enabled=false")) {
			assertThat(String.valueOf(reportLine(output).get("message")))
				.contains("layers on [http, reactor, async, grpc, logging, k8s, sampling], off [kafka]")
				.contains("inbound id sources in order [header:X-Correlation-ID, traceparent]")
				.contains("; trust none;")
				.contains("; W3C Trace Context off;")
				.endsWith("log format ecs");
		}
	}

	private static ConfigurableApplicationContext start(String... properties) {
		return new SpringApplicationBuilder(WebFluxTestApplication.class).web(WebApplicationType.REACTIVE)
			.properties(QUIET)
			.properties(properties)
			.run();
	}

	private static Map<String, Object> reportLine(CapturedOutput output) {
		List<Map<String, Object>> lines = JsonLines.withMessage(output,
				(message) -> message.startsWith("trace-starter: layers on"));
		assertThat(lines).hasSize(1);
		return lines.get(0);
	}

}
