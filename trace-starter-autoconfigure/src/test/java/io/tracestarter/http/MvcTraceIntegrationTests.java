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

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.tracestarter.JsonLines;
import io.tracestarter.app.MvcTestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real Tomcat server on a random port, the starter with zero configuration.
 */
@SpringBootTest(classes = MvcTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "management.tracing.export.otlp.enabled=false",
				"management.otlp.metrics.export.enabled=false" })
@ExtendWith(OutputCaptureExtension.class)
class MvcTraceIntegrationTests {

	@LocalServerPort
	private int port;

	private RestClient client() {
		return RestClient.builder().baseUrl("http://127.0.0.1:" + this.port).build();
	}

	@Test
	void inboundIdReachesEveryLoggingApiAndTheResponse(CapturedOutput output) {
		ResponseEntity<String> response = client().get()
			.uri("/mvc/hello?tag=mvc1")
			.header("X-Trace-ID", "abc123")
			.retrieve()
			.toEntity(String.class);
		assertThat(response.getHeaders().getFirst("X-Trace-ID")).isEqualTo("abc123");
		await().untilAsserted(() -> {
			List<Map<String, Object>> lines = JsonLines.withMessage(output,
					(message) -> message.endsWith("mvc1") || message.equals("mvc key values"));
			assertThat(lines).hasSize(5).allSatisfy((line) -> assertThat(line).containsEntry("trace_id", "abc123"));
			assertThat(lines).extracting((line) -> line.get("logger"))
				.contains("jul.caller", "log4j.caller", "jcl.caller");
			assertThat(lines).filteredOn((line) -> "mvc key values".equals(line.get("message")))
				.singleElement()
				.satisfies((line) -> assertThat(line).containsEntry("order", 42).containsEntry("tag", "mvc1"));
		});
	}

	@Test
	void restClientAndRestTemplateSendTheIdOn(CapturedOutput output) {
		String body = client().get().uri("/mvc/outbound").header("X-Trace-ID", "out-1").retrieve().body(String.class);
		assertThat(body).isEqualTo("out-1|out-1");
		await().untilAsserted(() -> assertThat(JsonLines.withMessage(output,
				(message) -> message.startsWith("mvc echo") || message.equals("mvc outbound done")))
			.hasSize(3)
			.allSatisfy((line) -> assertThat(line).containsEntry("trace_id", "out-1")));
	}

	@Test
	void withoutHeaderTheIdIsGeneratedAndEchoed() {
		ResponseEntity<String> response = client().get().uri("/mvc/hello?tag=gen").retrieve().toEntity(String.class);
		assertThat(response.getHeaders().getFirst("X-Trace-ID")).matches("[0-9a-f]{32}");
	}

	@Test
	void requestThreadsKeepNoIdAfterNormalAndFailedRequests(CapturedOutput output) throws Exception {
		ExecutorService callers = Executors.newFixedThreadPool(16);
		try {
			List<Future<?>> calls = new java.util.ArrayList<>();
			for (int i = 0; i < 200; i++) {
				int n = i;
				calls.add(callers.submit(() -> {
					if (n % 4 == 0) {
						return client().get()
							.uri("/mvc/boom")
							.header("X-Trace-ID", "mvcboom-" + n)
							.exchange((request, response) -> response.getStatusCode().value());
					}
					return client().get()
						.uri("/mvc/hello?tag=conc" + n)
						.header("X-Trace-ID", "mvc-" + n)
						.retrieve()
						.body(String.class);
				}));
			}
			for (Future<?> call : calls) {
				call.get();
			}
		}
		finally {
			callers.shutdownNow();
		}
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			for (int i = 0; i < 200; i++) {
				if (i % 4 != 0) {
					String tag = "conc" + i;
					String expected = "mvc-" + i;
					assertThat(JsonLines.withMessage(output, (message) -> message.endsWith(" " + tag))).hasSize(4)
						.allSatisfy((line) -> assertThat(line).containsEntry("trace_id", expected));
				}
			}
		});
		// Tomcat logs an escaped exception after every filter returned; the line still
		// carries the request's id.
		await().untilAsserted(() -> assertThat(JsonLines.withMessage(output,
				(message) -> message.startsWith("Servlet.service() for servlet [dispatcherServlet]")))
			.hasSize(50)
			.allSatisfy((line) -> assertThat((String) line.get("trace_id")).startsWith("mvcboom-")));
		// Fresh requests without an id are served by the same pooled Tomcat threads:
		// their lines carry their own new id, never one left by an earlier request.
		for (int i = 0; i < 50; i++) {
			String id = client().get()
				.uri("/mvc/hello?tag=after" + i)
				.retrieve()
				.toEntity(String.class)
				.getHeaders()
				.getFirst("X-Trace-ID");
			String tag = "after" + i;
			await().untilAsserted(
					() -> assertThat(JsonLines.withMessage(output, (message) -> message.endsWith(" " + tag))).hasSize(4)
						.allSatisfy((line) -> assertThat(line).containsEntry("trace_id", id)));
		}
	}

}
