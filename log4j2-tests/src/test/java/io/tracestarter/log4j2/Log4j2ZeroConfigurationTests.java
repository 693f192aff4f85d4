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

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;
import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceScope;
import io.tracestarter.logging.LinesWithoutTraceId;
import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.logging.log4j2.Log4J2LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The application on Log4j2 with no {@code trace.*} or {@code logging.*} property: its
 * console writes the starter's JSON line, the same as on Logback, on a real Tomcat.
 */
@SpringBootTest(classes = Log4j2Application.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class Log4j2ZeroConfigurationTests {

	private static final int CONCURRENT_REQUESTS = 200;

	private static final Logger logger = LoggerFactory.getLogger("probe");

	@Autowired
	WebServerApplicationContext context;

	@Autowired
	MeterRegistry meterRegistry;

	@Autowired
	LinesWithoutTraceId breakPoints;

	RestClient client() {
		return RestClient.builder().baseUrl("http://127.0.0.1:" + this.context.getWebServer().getPort()).build();
	}

	@Test
	void logsThroughLog4j2OnTomcatWithoutLogback() {
		assertThatExceptionOfType(ClassNotFoundException.class).as("Logback must not be on this classpath")
			.isThrownBy(() -> Class.forName("ch.qos.logback.classic.Logger", false, getClass().getClassLoader()));
		assertThat(LoggingSystem.get(getClass().getClassLoader())).isInstanceOf(Log4J2LoggingSystem.class);
		assertThat(LogManager.getContext(false)).isInstanceOf(org.apache.logging.log4j.core.LoggerContext.class);
		assertThat(this.context.getWebServer().getClass().getSimpleName()).isEqualTo("TomcatWebServer");
	}

	@Test
	void requestLinesCarryTheIdSpanServicePodAndFields(CapturedOutput output) {
		ResponseEntity<String> response = client().get()
			.uri("/work?tag={tag}", "one")
			.header("X-Trace-ID", "abc123")
			.retrieve()
			.toEntity(String.class);
		assertThat(response.getHeaders().getFirst("X-Trace-ID")).isEqualTo("abc123");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(lines(output, "one")).hasSize(4));
		List<Map<String, Object>> lines = lines(output, "one");
		assertThat(lines).allSatisfy((line) -> assertThat(line).containsEntry("trace_id", "abc123")
			.containsEntry("service.name", "log4j2-app")
			.containsEntry("k8s.pod.name", "orders-7d4f9")
			.containsEntry("k8s.namespace.name", "shop")
			.containsEntry("k8s.node.name", "node-3")
			.containsEntry("k8s.pod.uid", "0c7a5e2b-11")
			.containsEntry("level", "INFO")
			.containsKeys("@timestamp", "logger", "thread", "message")
			.doesNotContainKeys("trace_id_fallback", "traceId", "spanId"));
		// The request thread's lines carry the server span's id.
		assertThat(lines).filteredOn((line) -> !"async".equals(line.get("step")))
			.hasSize(3)
			.allSatisfy((line) -> assertThat((String) line.get("span_id")).matches("[0-9a-f]{16}"));
		assertThat(step(lines, "in")).containsEntry("message", "work in")
			.containsEntry("logger", WorkController.class.getName());
		assertThat(step(lines, "async")).containsEntry("message", "async hop")
			.containsEntry("logger", AsyncWork.class.getName());
		assertThat((String) step(lines, "async").get("thread")).isNotEqualTo(step(lines, "in").get("thread"));
		// Log4j's own key-value messages: their entries are fields, numbers stay numbers.
		assertThat(step(lines, "map")).containsEntry("order", 42)
			.containsEntry("paid", true)
			.containsEntry("logger", "log4j.api");
		assertThat(step(lines, "string-map")).containsEntry("message", "map line");
	}

	@Test
	void exceptionsBecomeErrorFields(CapturedOutput output) {
		client().get().uri("/fail?tag={tag}", "failing").header("X-Trace-ID", "fail-1").retrieve().toBodilessEntity();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(lines(output, "failing")).hasSize(1));
		Map<String, Object> line = lines(output, "failing").get(0);
		assertThat(line).containsEntry("trace_id", "fail-1")
			.containsEntry("level", "ERROR")
			.containsEntry("message", "work failed")
			.containsEntry("error.type", "java.lang.IllegalStateException")
			.containsEntry("error.message", "payment \"declined\"\nsecond line")
			.doesNotContainKey("error");
		assertThat((String) line.get("error.stack_trace"))
			.contains("Caused by: java.lang.IllegalArgumentException: card expired");
	}

	/**
	 * README's field table, read from README, against a real request line with an
	 * exception and a line outside any request: every documented key with its meaning, no
	 * other key but the application's own key-value pairs.
	 */
	@Test
	void linesHaveExactlyTheKeysReadmeDocuments(CapturedOutput output) throws Exception {
		Instant started = Instant.now();
		ReadmeFieldTable table = ReadmeFieldTable.read();
		Map<String, Consumer<Object>> onRequest = meanings(started, "ERROR", WorkController.class.getName(),
				"http-nio-.+-exec-\\d+", "work failed");
		Map<String, Consumer<Object>> outsideRequests = meanings(started, "INFO", "probe",
				Pattern.quote(Thread.currentThread().getName()), "outside any request, table");
		assertThat(table.keys()).as("README's keys and the meanings this test checks")
			.containsExactlyInAnyOrderElementsOf(onRequest.keySet());
		assertThat(table.otherRows()).singleElement().asString().contains("key-value pairs");
		client().get().uri("/fail?tag={tag}", "table").header("X-Trace-ID", "table-1").retrieve().toBodilessEntity();
		logger.info("outside any request, table");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(lines(output, "table")).hasSize(1));
		Map<String, Object> failing = lines(output, "table").get(0);
		Map<String, Object> outside = JsonLines.withMessage(output.getOut(), "outside any request, table").get(0);
		Set<String> failingKeys = new HashSet<>(table.keys());
		failingKeys.remove("trace_id_fallback");
		failingKeys.addAll(Set.of("tag", "step"));
		assertThat(failing.keySet()).containsExactlyInAnyOrderElementsOf(failingKeys);
		Set<String> outsideKeys = new HashSet<>(table.keys());
		outsideKeys.removeAll(Set.of("trace_id", "span_id", "error.type", "error.message", "error.stack_trace"));
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

	private static Map<String, Consumer<Object>> meanings(Instant started, String level, String loggerName,
			String thread, String message) {
		return Map.ofEntries(
				Map.entry("@timestamp",
						(value) -> assertThat(Instant.parse((String) value)).isBetween(started, Instant.now())),
				Map.entry("level", (value) -> assertThat(value).isEqualTo(level)),
				Map.entry("logger", (value) -> assertThat(value).isEqualTo(loggerName)),
				Map.entry("thread", (value) -> assertThat((String) value).matches(thread)),
				Map.entry("message", (value) -> assertThat(value).isEqualTo(message)),
				Map.entry("trace_id", (value) -> assertThat(value).isEqualTo("table-1")),
				Map.entry("span_id", (value) -> assertThat((String) value).matches("[0-9a-f]{16}")),
				Map.entry("trace_id_fallback", (value) -> assertThat((String) value).matches("[0-9a-f]{32}")),
				Map.entry("service.name", (value) -> assertThat(value).isEqualTo("log4j2-app")),
				Map.entry("k8s.pod.name", (value) -> assertThat(value).isEqualTo("orders-7d4f9")),
				Map.entry("k8s.namespace.name", (value) -> assertThat(value).isEqualTo("shop")),
				Map.entry("k8s.node.name", (value) -> assertThat(value).isEqualTo("node-3")),
				Map.entry("k8s.pod.uid", (value) -> assertThat(value).isEqualTo("0c7a5e2b-11")),
				Map.entry("error.type", (value) -> assertThat(value).isEqualTo(IllegalStateException.class.getName())),
				Map.entry("error.message", (value) -> assertThat(value).isEqualTo("payment \"declined\"\nsecond line")),
				Map.entry("error.stack_trace",
						(value) -> assertThat((String) value).startsWith("java.lang.IllegalStateException: payment")
							.contains("\tat " + WorkController.class.getName() + ".fail(")
							.contains("Caused by: java.lang.IllegalArgumentException: card expired")));
	}

	@Test
	void linesOutsideAnyRequestCarryTheFallbackId(CapturedOutput output) {
		logger.info("outside any request");
		Map<String, Object> line = JsonLines.withMessage(output.getOut(), "outside any request").get(0);
		assertThat(line).doesNotContainKey("trace_id");
		assertThat((String) line.get("trace_id_fallback")).matches("[0-9a-f]{32}");
	}

	@Test
	void concurrentRequestsKeepTheirOwnIds(CapturedOutput output) throws Exception {
		ExecutorService callers = Executors.newFixedThreadPool(16);
		try {
			List<CompletableFuture<ResponseEntity<String>>> calls = new ArrayList<>();
			for (int i = 0; i < CONCURRENT_REQUESTS; i++) {
				String tag = "c-" + i;
				String id = "l4j-c-" + i;
				calls.add(CompletableFuture.supplyAsync(() -> client().get()
					.uri("/work?tag={tag}", tag)
					.header("X-Trace-ID", id)
					.retrieve()
					.toEntity(String.class), callers));
			}
			for (int i = 0; i < CONCURRENT_REQUESTS; i++) {
				ResponseEntity<String> response = calls.get(i).get();
				assertThat(response.getBody()).isEqualTo("c-" + i);
				assertThat(response.getHeaders().getFirst("X-Trace-ID")).isEqualTo("l4j-c-" + i);
			}
		}
		finally {
			callers.shutdownNow();
		}
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			List<Map<String, Object>> lines = JsonLines.parse(output.getOut());
			for (int i = 0; i < CONCURRENT_REQUESTS; i++) {
				String tag = "c-" + i;
				assertThat(lines.stream().filter((line) -> tag.equals(line.get("tag")))).as("lines of %s", tag)
					.hasSize(4)
					.allSatisfy((line) -> assertThat(line).containsEntry("trace_id", "l4j-" + tag));
			}
		});
		// No line anywhere carries another request's id.
		assertThat(JsonLines.parse(output.getOut())
			.stream()
			.filter((line) -> String.valueOf(line.get("trace_id")).startsWith("l4j-c-")))
			.hasSize(4 * CONCURRENT_REQUESTS)
			.allSatisfy((line) -> assertThat(line.get("trace_id")).isEqualTo("l4j-" + line.get("tag")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "quote \" and backslash \\", "new\nline\r\nand\ttab", "nul \u0000 bell \u0007 esc \u001b",
			"{\"trace_id\":\"forged\"}", "\",\"trace_id\":\"forged", "lone \uD800 high", "lone \uDC00 low",
			"line sep \u2028 para \u2029", "emoji 😀 and ünïcödé", "</script><script>alert(1)</script>" })
	void hostileMessagesStayOneValidJsonLine(String message, CapturedOutput output) {
		String id = "hostile-" + Integer.toHexString(message.hashCode());
		int before = output.getOut().length();
		try (TraceScope scope = TraceContext.open(id)) {
			logger.atInfo().addKeyValue("k\"ey\n", "v\u0000").log(message);
		}
		List<Map<String, Object>> lines = JsonLines.parse(output.getOut().substring(before));
		assertThat(lines).hasSize(1);
		assertThat(lines.get(0)).containsEntry("trace_id", id).containsKey("message");
	}

	@Test
	void randomMessagesAndDeepCausesGiveOnlyValidJsonLines(CapturedOutput output) {
		Random random = new Random(20261202L);
		int before = output.getOut().length();
		for (int i = 0; i < 1000; i++) {
			String id = "fuzz-" + i;
			try (TraceScope scope = TraceContext.open(id)) {
				var line = logger.atInfo().addKeyValue("expect", id).addKeyValue(text(random, 40), text(random, 200));
				if (i % 50 == 0) {
					Throwable cause = new IllegalStateException(text(random, 100));
					for (int depth = 0; depth < 1 + random.nextInt(30); depth++) {
						cause = new RuntimeException(text(random, 50), cause);
					}
					line = line.setCause(cause);
				}
				// The text is an argument, not the pattern: Log4j warns on its status
				// logger (stdout, its own plain format) about a pattern with "{}" and no
				// arguments.
				line.log("{}", text(random, (i % 100 == 0) ? 100_000 : 300));
			}
		}
		String out = output.getOut().substring(before);
		List<Map<String, Object>> fuzzed = JsonLines.parse(out)
			.stream()
			.filter((line) -> line.containsKey("expect"))
			.toList();
		assertThat(fuzzed).hasSize(1000)
			.allSatisfy((line) -> assertThat(line.get("trace_id")).isEqualTo(line.get("expect")));
		// Nothing but JSON lines reached stdout: no line was split.
		assertThat(out.lines().filter((line) -> !line.isBlank() && !line.startsWith("{\"@timestamp\""))).isEmpty();
	}

	@Test
	void longValuesAreCutWithAMarkerAndCounted(CapturedOutput output) {
		double before = this.meterRegistry.get("trace.logging.truncated").functionCounter().count();
		try (TraceScope scope = TraceContext.open("long-1")) {
			logger.info("m".repeat(20_000));
		}
		Map<String, Object> line = JsonLines.parse(output.getOut())
			.stream()
			.filter((candidate) -> "long-1".equals(candidate.get("trace_id")))
			.findFirst()
			.orElseThrow();
		assertThat((String) line.get("message")).hasSize(16 * 1024 + "...[truncated 3616 chars]".length())
			.endsWith("...[truncated 3616 chars]");
		assertThat(this.meterRegistry.get("trace.logging.truncated").functionCounter().count())
			.isGreaterThanOrEqualTo(before + 1);
	}

	@Test
	void linesWithoutAnIdAfterStartUpAreBreakPoints() throws Exception {
		Thread thread = new Thread(() -> LoggerFactory.getLogger("breakpoint.probe").info("lost the id"),
				"lost-thread-7");
		thread.start();
		thread.join();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.breakPoints.groups())
				.anySatisfy((group) -> assertThat(group).satisfies((summary) -> {
					assertThat(summary.logger()).isEqualTo("breakpoint.probe");
					assertThat(summary.threadGroup()).isEqualTo("lost-thread-N");
					assertThat(summary.sample()).isEqualTo("lost the id");
				})));
	}

	@Test
	@SuppressWarnings("unchecked")
	void theTimelineOfAnIdNamesTheLoggersThatWroteIt() {
		client().get().uri("/work?tag={tag}", "hops").header("X-Trace-ID", "hops-1").retrieve().toBodilessEntity();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			Map<String, Object> timeline = client().get()
				.uri("/actuator/tracecontext/{id}", "hops-1")
				.retrieve()
				.body(Map.class);
			assertThat((List<Map<String, Object>>) timeline.get("hops"))
				.anySatisfy((hop) -> assertThat(hop).containsEntry("logger", WorkController.class.getName()))
				.anySatisfy((hop) -> assertThat(hop).containsEntry("logger", AsyncWork.class.getName()));
		});
	}

	private static List<Map<String, Object>> lines(CapturedOutput output, String tag) {
		return JsonLines.parse(output.getOut()).stream().filter((line) -> tag.equals(line.get("tag"))).toList();
	}

	private static Map<String, Object> step(List<Map<String, Object>> lines, String step) {
		return lines.stream().filter((line) -> step.equals(line.get("step"))).findFirst().orElseThrow();
	}

	/**
	 * Random UTF-16 text: every code unit is possible, including control characters,
	 * quotes, backslashes, line separators and unpaired surrogates.
	 */
	private static String text(Random random, int maxLength) {
		int length = random.nextInt(maxLength + 1);
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			char ch = switch (random.nextInt(10)) {
				case 0 -> (char) random.nextInt(0x20);
				case 1 -> "\"\\{}[]:,\u2028\u2029\u0085".charAt(random.nextInt(11));
				case 2 -> (char) (0xD800 + random.nextInt(0x800));
				case 3 -> (char) random.nextInt(0x10000);
				default -> (char) (0x20 + random.nextInt(0x5F));
			};
			text.append(ch);
		}
		return text.toString();
	}

}
