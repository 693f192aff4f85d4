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

package io.tracestarter.compat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spring MVC on a real Jetty with the default lazy servlet start-up
 * ({@code spring.mvc.servlet.load-on-startup=-1}). Unlike Tomcat, Boot's Jetty
 * initialises {@code DispatcherServlet} when the server starts, on the starting thread:
 * its lines are start-up lines, not break points, and the first request's thread writes
 * no break point. A context of its own (the property below), so no other test's request
 * came first.
 */
@SpringBootTest(classes = CompatibilityApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.application.name=jetty-lazy-servlet-init")
@EmbeddedKafka(topics = "hops", partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@ExtendWith(OutputCaptureExtension.class)
class MvcOnJettyLazyServletInitTests {

	private static final List<String> INIT_LINES = List.of("Initializing Spring DispatcherServlet 'dispatcherServlet'",
			"Initializing Servlet 'dispatcherServlet'", "Completed initialization in ");

	@Autowired
	WebServerApplicationContext context;

	@Test
	@SuppressWarnings("unchecked")
	void dispatcherServletInitialisationIsAStartUpLineAndTheFirstRequestWritesNoBreakPoint(CapturedOutput output) {
		assertThat(this.context.getWebServer().getClass().getSimpleName()).isEqualTo("JettyServletWebServer");
		RestClient client = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + this.context.getWebServer().getPort())
			.build();
		client.get().uri("/actuator/health").header("X-Trace-ID", "jetty-lazy-1").retrieve().toBodilessEntity();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(initLines(output)).hasSize(3));
		List<Map<String, Object>> initLines = initLines(output);
		assertThat(initLines).allSatisfy((line) -> assertThat(line).doesNotContainKey("trace_id"));
		Map<String, Object> breakPoints = (Map<String, Object>) client.get()
			.uri("/actuator/tracecontext")
			.retrieve()
			.body(Map.class)
			.get("breakPoints");
		List<Map<String, Object>> groups = (List<Map<String, Object>>) breakPoints.get("groups");
		String requestThreads = "qtpN-N";
		assertThat(initLines).allSatisfy((line) -> assertThat(line).containsEntry("thread", "main"));
		assertThat(groups).as("break points on Jetty's request threads")
			.noneSatisfy((group) -> assertThat(group).containsEntry("threadGroup", requestThreads));
	}

	private static List<Map<String, Object>> initLines(CapturedOutput output) {
		return JsonLines.parse(output.getOut())
			.stream()
			.filter((line) -> INIT_LINES.stream().anyMatch(String.valueOf(line.get("message"))::startsWith))
			.toList();
	}

}
