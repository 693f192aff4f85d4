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

import io.micrometer.core.instrument.MeterRegistry;
import io.tracestarter.JsonLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tomcat with the default lazy servlet start-up initialises {@code DispatcherServlet} on
 * the first request, before the starter's filter resolves the id. Those lines have no id
 * and are not break points: they are counted apart. A line that lost the id inside the
 * same request (a raw thread) still is one. A real Tomcat on a random port; assertions on
 * the JSON lines written and on {@code /actuator/tracecontext}.
 */
@SpringBootTest(classes = LazyServletInitIntegrationTests.LazyInitApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "management.tracing.export.otlp.enabled=false",
				"management.otlp.metrics.export.enabled=false",
				"management.endpoints.web.exposure.include=tracecontext",
				"management.endpoint.tracecontext.show-values=always" })
@ExtendWith(OutputCaptureExtension.class)
class LazyServletInitIntegrationTests {

	private static final List<String> INIT_LINES = List.of("Initializing Spring DispatcherServlet 'dispatcherServlet'",
			"Initializing Servlet 'dispatcherServlet'", "Completed initialization in ");

	@LocalServerPort
	private int port;

	@Autowired
	private MeterRegistry meterRegistry;

	@Test
	@SuppressWarnings("unchecked")
	void dispatcherServletInitialisationIsNotABreakPointButARawThreadIs(CapturedOutput output) {
		String body = client().get().uri("/lazy/work").header("X-Trace-ID", "lazy-1").retrieve().body(String.class);
		assertThat(body).isEqualTo("done");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(initLines(output)).hasSize(3));
		List<Map<String, Object>> initLines = initLines(output);
		Object requestThread = JsonLines.withMessage(output, "lazy work"::equals).get(0).get("thread");
		// Written on the request's thread, before the filter: no id.
		assertThat(initLines).allSatisfy(
				(line) -> assertThat(line).doesNotContainKey("trace_id").containsEntry("thread", requestThread));
		Map<String, Object> breakPoints = (Map<String, Object>) client().get()
			.uri("/actuator/tracecontext")
			.retrieve()
			.body(Map.class)
			.get("breakPoints");
		List<Map<String, Object>> groups = (List<Map<String, Object>>) breakPoints.get("groups");
		assertThat(groups).singleElement()
			.satisfies((group) -> assertThat(group).containsEntry("logger", LazyController.class.getName())
				.containsEntry("threadGroup", "raw-lazy-N")
				.containsEntry("count", 1)
				.containsEntry("sample", "lost in a raw thread"));
		assertThat(breakPoints).containsEntry("linesWithoutId", 1).containsEntry("linesOutsideTracedWork", 3);
		assertThat(this.meterRegistry.get("trace.logging.missing").functionCounter().count()).isEqualTo(1);
		assertThat(this.meterRegistry.get("trace.logging.outside").functionCounter().count()).isEqualTo(3);
	}

	private RestClient client() {
		return RestClient.create("http://127.0.0.1:" + this.port);
	}

	private static List<Map<String, Object>> initLines(CapturedOutput output) {
		return JsonLines.withMessage(output, (message) -> INIT_LINES.stream().anyMatch(message::startsWith));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(LazyController.class)
	static class LazyInitApplication {

	}

	@RestController
	static class LazyController {

		private static final Logger logger = LoggerFactory.getLogger(LazyController.class);

		@GetMapping("/lazy/work")
		String work() throws InterruptedException {
			logger.info("lazy work");
			Thread raw = new Thread(() -> logger.info("lost in a raw thread"), "raw-lazy-1");
			raw.start();
			raw.join();
			return "done";
		}

	}

}
