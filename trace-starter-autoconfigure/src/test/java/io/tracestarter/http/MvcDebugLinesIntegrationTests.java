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

package io.tracestarter.http;

import java.util.List;
import java.util.Map;

import io.tracestarter.JsonLines;
import io.tracestarter.app.MvcTestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With Spring's web logging at DEBUG, {@code DispatcherServlet}'s request and completion
 * lines carry the request's id: a real Tomcat on a random port, assertions on the JSON
 * lines written.
 */
@SpringBootTest(classes = MvcTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "management.tracing.export.otlp.enabled=false",
				"management.otlp.metrics.export.enabled=false", "logging.level.org.springframework.web=DEBUG" })
@ExtendWith(OutputCaptureExtension.class)
class MvcDebugLinesIntegrationTests {

	private static final String DISPATCHER = "org.springframework.web.servlet.DispatcherServlet";

	@LocalServerPort
	private int port;

	@Test
	void dispatcherServletLinesCarryTheInboundId(CapturedOutput output) {
		String body = RestClient.create("http://127.0.0.1:" + this.port)
			.get()
			.uri("/mvc/hello?tag=debug")
			.header("X-Trace-ID", "mvc-debug-1")
			.retrieve()
			.body(String.class);
		assertThat(body).isEqualTo("hello debug");
		await().untilAsserted(() -> {
			List<Map<String, Object>> lines = JsonLines.parse(output)
				.stream()
				.filter((line) -> DISPATCHER.equals(line.get("logger")))
				.filter((line) -> "mvc-debug-1".equals(line.get("trace_id")))
				.toList();
			assertThat(lines).extracting((line) -> (String) line.get("message"))
				.anySatisfy((message) -> assertThat(message).startsWith("GET \"/mvc/hello?tag=debug\""))
				.anySatisfy((message) -> assertThat(message).isEqualTo("Completed 200 OK"));
		});
		// No line of DispatcherServlet about this request lost the id.
		assertThat(JsonLines.parse(output)).filteredOn((line) -> DISPATCHER.equals(line.get("logger")))
			.filteredOn((line) -> String.valueOf(line.get("message")).contains("/mvc/hello"))
			.isNotEmpty()
			.allSatisfy((line) -> assertThat(line).containsEntry("trace_id", "mvc-debug-1"));
	}

}
