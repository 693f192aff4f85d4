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

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

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
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * README's field table against the lines a real application wrote on Logback: a request
 * line with an exception and a line outside any request have every documented key with
 * its documented meaning, and no other key but the application's own key-value pair.
 */
@SpringBootTest(classes = LogFieldTableIntegrationTests.FieldsApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.application.name=orders", "POD_NAME=orders-7d4f9", "POD_NAMESPACE=shop",
				"NODE_NAME=node-3", "POD_UID=0c7a5e2b-11" })
@ExtendWith(OutputCaptureExtension.class)
class LogFieldTableIntegrationTests {

	/** Keys only a line inside a request has. */
	private static final Set<String> REQUEST_ONLY = Set.of("trace_id", "span_id");

	/** Keys only a line logged with an exception has. */
	private static final Set<String> EXCEPTION_ONLY = Set.of("error.type", "error.message", "error.stack_trace");

	private static final Logger logger = LoggerFactory.getLogger("fields.probe");

	private final Instant started = Instant.now();

	@Autowired
	WebServerApplicationContext context;

	@Test
	void everyDocumentedKeyHasItsMeaningAndNoOtherKeyIsWritten(CapturedOutput output) throws Exception {
		ReadmeFieldTable table = ReadmeFieldTable.read();
		Map<String, Consumer<Object>> onRequest = meanings("ERROR", FieldsController.class.getName(),
				"http-nio-.+-exec-\\d+", "payment failed");
		Map<String, Consumer<Object>> outsideRequests = meanings("INFO", "fields.probe",
				Pattern.quote(Thread.currentThread().getName()), "outside any request");
		assertThat(table.keys()).as("README's keys and the meanings this test checks")
			.containsExactlyInAnyOrderElementsOf(onRequest.keySet());
		// The one row for the application's own fields: the key-value pair below.
		assertThat(table.otherRows()).singleElement().asString().contains("key-value pairs");
		RestClient.create("http://127.0.0.1:" + this.context.getWebServer().getPort())
			.get()
			.uri("/fields/fail")
			.header("X-Trace-ID", "fields-1")
			.retrieve()
			.toBodilessEntity();
		logger.info("outside any request");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(JsonLines.withMessage(output, "payment failed"::equals)).hasSize(1));
		Map<String, Object> failing = JsonLines.withMessage(output, "payment failed"::equals).get(0);
		Map<String, Object> outside = JsonLines.withMessage(output, "outside any request"::equals).get(0);
		Set<String> failingKeys = new HashSet<>(table.keys());
		failingKeys.remove("trace_id_fallback");
		failingKeys.add("order");
		assertThat(failing.keySet()).containsExactlyInAnyOrderElementsOf(failingKeys);
		assertThat(failing).containsEntry("order", 42);
		Set<String> outsideKeys = new HashSet<>(table.keys());
		outsideKeys.removeAll(REQUEST_ONLY);
		outsideKeys.removeAll(EXCEPTION_ONLY);
		assertThat(outside.keySet()).containsExactlyInAnyOrderElementsOf(outsideKeys);
		table.keys()
			.stream()
			.filter(failing::containsKey)
			.forEach((key) -> onRequest.get(key).accept(failing.get(key)));
		table.keys()
			.stream()
			.filter(outside::containsKey)
			.forEach((key) -> outsideRequests.get(key).accept(outside.get(key)));
	}

	/**
	 * What each documented key means, checked on the value written.
	 */
	private Map<String, Consumer<Object>> meanings(String level, String loggerName, String thread, String message) {
		return Map
			.ofEntries(
					Map.entry("@timestamp",
							(value) -> assertThat(Instant.parse((String) value)).isBetween(this.started,
									Instant.now())),
					Map.entry("level", (value) -> assertThat(value).isEqualTo(level)),
					Map.entry("logger", (value) -> assertThat(value).isEqualTo(loggerName)),
					Map.entry("thread", (value) -> assertThat((String) value).matches(thread)),
					Map.entry("message", (value) -> assertThat(value).isEqualTo(message)),
					Map.entry("trace_id", (value) -> assertThat(value).isEqualTo("fields-1")),
					Map.entry("span_id", (value) -> assertThat((String) value).matches("[0-9a-f]{16}")),
					Map.entry("trace_id_fallback", (value) -> assertThat((String) value).matches("[0-9a-f]{32}")),
					Map.entry("service.name", (value) -> assertThat(value).isEqualTo("orders")),
					Map.entry("k8s.pod.name", (value) -> assertThat(value).isEqualTo("orders-7d4f9")),
					Map.entry("k8s.namespace.name", (value) -> assertThat(value).isEqualTo("shop")),
					Map.entry("k8s.node.name", (value) -> assertThat(value).isEqualTo("node-3")),
					Map.entry("k8s.pod.uid", (value) -> assertThat(value).isEqualTo("0c7a5e2b-11")),
					Map.entry("error.type",
							(value) -> assertThat(value).isEqualTo(IllegalStateException.class.getName())),
					Map.entry("error.message", (value) -> assertThat(value).isEqualTo("card declined")),
					Map.entry("error.stack_trace",
							(value) -> assertThat((String) value)
								.startsWith("java.lang.IllegalStateException: card declined")
								.contains("\tat " + FieldsController.class.getName() + ".fail(")
								.contains("Caused by: java.lang.IllegalArgumentException: card expired")));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(FieldsController.class)
	static class FieldsApplication {

	}

	@RestController
	static class FieldsController {

		private static final Logger logger = LoggerFactory.getLogger(FieldsController.class);

		@GetMapping("/fields/fail")
		String fail() {
			IllegalStateException failure = new IllegalStateException("card declined",
					new IllegalArgumentException("card expired"));
			logger.atError().addKeyValue("order", 42).setCause(failure).log("payment failed");
			return "logged";
		}

	}

}
