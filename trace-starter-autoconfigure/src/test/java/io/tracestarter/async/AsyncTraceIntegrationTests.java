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

package io.tracestarter.async;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.tracestarter.JsonLines;
import io.tracestarter.app.AsyncTestApplication;
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
 * Every executor, scheduler and timer hop of a real request on a random-port Tomcat.
 */
@SpringBootTest(classes = AsyncTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "spring.task.execution.mode=force",
				"management.tracing.export.otlp.enabled=false", "management.otlp.metrics.export.enabled=false" })
@ExtendWith(OutputCaptureExtension.class)
class AsyncTraceIntegrationTests {

	private static final List<String> HOPS = List.of("request", "async void", "async future", "boot executor",
			"user thread pool", "user executor service", "user task executor", "supplyAsync", "thenApplyAsync", "timer",
			"common pool wrapped");

	@LocalServerPort
	private int port;

	private RestClient client() {
		return RestClient.builder().baseUrl("http://127.0.0.1:" + this.port).build();
	}

	@Test
	void everyHopCarriesTheRequestsIdAndTheUsersDecoratorStillRuns(CapturedOutput output) {
		for (int i = 0; i < 20; i++) {
			client().get().uri("/async/all?tag=r{i}", i).header("X-Trace-ID", "req-" + i).retrieve().body(String.class);
		}
		await().untilAsserted(() -> {
			for (int i = 0; i < 20; i++) {
				String tag = "r" + i;
				List<Map<String, Object>> lines = JsonLines.withMessage(output,
						(message) -> message.endsWith(" " + tag));
				assertThat(lines).extracting((line) -> ((String) line.get("message")).replace(" " + tag, ""))
					.containsExactlyInAnyOrderElementsOf(HOPS);
				String expected = "req-" + i;
				assertThat(lines).allSatisfy((line) -> assertThat(line).containsEntry("trace_id", expected));
				// The user's own TaskDecorator ran beside the starter's on Boot's
				// executor.
				assertThat(lines).filteredOn((line) -> line.get("message").equals("boot executor " + tag))
					.singleElement()
					.satisfies((line) -> assertThat(line).containsEntry("tenant", "t-" + tag));
			}
		});
	}

	@Test
	void asyncUncaughtExceptionHandlerLogsWithTheFailingTasksId(CapturedOutput output) {
		client().get().uri("/async/fail?tag=f1").header("X-Trace-ID", "fail-1").retrieve().body(String.class);
		await().untilAsserted(() -> assertThat(JsonLines.parse(output))
			.filteredOn((line) -> "ERROR".equals(line.get("level"))
					&& String.valueOf(line.get("message")).contains("failingTask"))
			.singleElement()
			.satisfies((line) -> assertThat(line).containsEntry("trace_id", "fail-1").containsKey("error.type")));
	}

	@Test
	void eachScheduledRunGetsItsOwnFreshIdNeverARequestsId(CapturedOutput output) {
		client().get().uri("/async/all?tag=sched").header("X-Trace-ID", "req-sched").retrieve().body(String.class);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			List<Map<String, Object>> firstLines = JsonLines.withMessage(output, "scheduled fixed-rate run"::equals);
			List<Map<String, Object>> secondLines = JsonLines.withMessage(output,
					"scheduled fixed-rate run second line"::equals);
			assertThat(secondLines).hasSizeGreaterThanOrEqualTo(5);
			Set<Object> ids = firstLines.stream().map((line) -> line.get("trace_id")).collect(Collectors.toSet());
			assertThat(ids).doesNotContainNull().hasSize(firstLines.size());
			assertThat(ids).allSatisfy((id) -> assertThat((String) id).matches("[0-9a-f]{32}"));
			// Both lines of one run carry that run's id.
			assertThat(secondLines.stream().map((line) -> line.get("trace_id")).collect(Collectors.toSet()))
				.isSubsetOf(ids);
			assertThat(JsonLines.withMessage(output, "scheduled cron run"::equals)).isNotEmpty()
				.allSatisfy((line) -> assertThat((String) line.get("trace_id")).matches("[0-9a-f]{32}"));
		});
		assertThat(JsonLines.parse(output))
			.filteredOn((line) -> String.valueOf(line.get("message")).startsWith("scheduled"))
			.allSatisfy((line) -> assertThat(String.valueOf(line.get("trace_id"))).doesNotStartWith("req-"));
	}

}
