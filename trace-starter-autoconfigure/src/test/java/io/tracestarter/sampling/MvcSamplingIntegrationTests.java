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

package io.tracestarter.sampling;

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
 * The servlet side on a real Tomcat: a 0% rule on every route; requests that succeed
 * write nothing of their own, the one whose handler throws writes its lines.
 */
@SpringBootTest(classes = MvcTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "management.tracing.export.otlp.enabled=false",
				"management.otlp.metrics.export.enabled=false", "trace.sampling.enabled=true",
				"trace.sampling.rules[0].route=/mvc/**", "trace.sampling.rules[0].rate=0" })
@ExtendWith(OutputCaptureExtension.class)
class MvcSamplingIntegrationTests {

	@LocalServerPort
	private int port;

	@Test
	void successfulRequestsWriteNothingAndAThrowingOneWritesItsLines(CapturedOutput output) {
		RestClient client = RestClient.create("http://127.0.0.1:" + this.port);
		for (int i = 0; i < 20; i++) {
			String body = client.get()
				.uri("/mvc/hello?tag=ok" + i)
				.header("X-Trace-ID", "mvc-ok-" + i)
				.retrieve()
				.body(String.class);
			assertThat(body).isEqualTo("hello ok" + i);
		}
		int status = client.get()
			.uri("/mvc/boom")
			.header("X-Trace-ID", "mvc-boom-1")
			.exchange((request, response) -> response.getStatusCode().value());
		assertThat(status).isEqualTo(500);
		await().untilAsserted(() -> assertThat(linesOf(output, "mvc-boom-1"))
			.anySatisfy((line) -> assertThat(line).containsEntry("message", "mvc boom handler")
				.containsEntry("trace_sampling", "error")));
		for (int i = 0; i < 20; i++) {
			assertThat(linesOf(output, "mvc-ok-" + i)).isEmpty();
		}
	}

	private static List<Map<String, Object>> linesOf(CapturedOutput output, String traceId) {
		return JsonLines.parse(output).stream().filter((line) -> traceId.equals(line.get("trace_id"))).toList();
	}

}
