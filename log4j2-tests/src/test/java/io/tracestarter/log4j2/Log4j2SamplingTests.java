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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Log sampling on Log4j2, on a real Tomcat: a 0% rule on {@code /work/**} with
 * {@code capture-debug-on-error}; requests that succeed write none of their lines, the
 * one whose handler throws writes all of them (SLF4J and Log4j API lines, request and
 * executor threads, and its DEBUG line below the logger's level) marked
 * {@code "trace_sampling":"error"}.
 */
@SpringBootTest(classes = Log4j2Application.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "trace.sampling.enabled=true", "trace.sampling.rules[0].route=/work/**",
				"trace.sampling.rules[0].rate=0", "trace.sampling.capture-debug-on-error=true" })
@ExtendWith(OutputCaptureExtension.class)
class Log4j2SamplingTests {

	@Autowired
	WebServerApplicationContext context;

	@Test
	void successfulRequestsWriteNothingAndAFailingOneWritesItsLines(CapturedOutput output) {
		assertThat(this.context.getBeanNamesForType(RequestSampling.class)).hasSize(1);
		RestClient client = RestClient.create("http://127.0.0.1:" + this.context.getWebServer().getPort());
		for (int i = 0; i < 20; i++) {
			String body = client.get()
				.uri("/work?tag={tag}", "ok-" + i)
				.header("X-Trace-ID", "sampled-ok-" + i)
				.retrieve()
				.body(String.class);
			assertThat(body).isEqualTo("ok-" + i);
		}
		int status = client.get()
			.uri("/work/boom?tag=boom")
			.header("X-Trace-ID", "sampled-boom-1")
			.exchange((request, response) -> response.getStatusCode().value());
		assertThat(status).isEqualTo(500);
		await().untilAsserted(
				() -> assertThat(linesOf(output, "sampled-boom-1")).filteredOn((line) -> "boom".equals(line.get("tag")))
					.hasSize(5)
					.allSatisfy((line) -> assertThat(line).containsEntry("trace_sampling", "error"))
					.extracting((line) -> line.get("step"))
					.containsExactlyInAnyOrder("in", "debug", "map", "string-map", "async"));
		// Framework DEBUG lines of the request are captured too.
		assertThat(linesOf(output, "sampled-boom-1")).anySatisfy(
				(line) -> assertThat(line).containsEntry("logger", "org.springframework.web.servlet.DispatcherServlet")
					.containsEntry("level", "DEBUG")
					.containsEntry("trace_sampling", "error"));
		// Lines are written in order: once the failed request's lines are out, the
		// successful requests ended long ago, and none of their lines was written.
		for (int i = 0; i < 20; i++) {
			assertThat(linesOf(output, "sampled-ok-" + i)).isEmpty();
		}
		LoggerFactory.getLogger("after.sampling").info("outside any request");
		LoggerFactory.getLogger("after.sampling").debug("debug outside any request");
		assertThat(JsonLines.withMessage(output.getOut(), "outside any request")).hasSize(1);
		assertThat(JsonLines.withMessage(output.getOut(), "debug outside any request")).isEmpty();
	}

	private static List<Map<String, Object>> linesOf(CapturedOutput output, String traceId) {
		return JsonLines.parse(output.getOut())
			.stream()
			.filter((line) -> traceId.equals(line.get("trace_id")))
			.toList();
	}

}
