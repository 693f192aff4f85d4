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

import io.tracestarter.JsonLines;
import io.tracestarter.app.WebFluxTestApplication;
import io.tracestarter.core.Layer;
import io.tracestarter.core.TraceMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With Spring's web logging at DEBUG, the lines WebFlux writes outside the web filter
 * chain carry the request's id too: a real Netty server on a random port, assertions on
 * the JSON lines written.
 */
@SpringBootTest(classes = WebFluxTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "management.tracing.export.otlp.enabled=false",
				"management.otlp.metrics.export.enabled=false", "logging.level.org.springframework.web=DEBUG",
				"logging.level.org.springframework.http.server.reactive.ReactorHttpHandlerAdapter=TRACE" })
@ExtendWith(OutputCaptureExtension.class)
class WebFluxDebugLinesIntegrationTests {

	private static final String ADAPTER = "org.springframework.web.server.adapter.HttpWebHandlerAdapter";

	private static final String REACTOR_ADAPTER = "org.springframework.http.server.reactive.ReactorHttpHandlerAdapter";

	@LocalServerPort
	private int port;

	@Autowired
	private TraceMetrics metrics;

	@Test
	void everyLineOfTheExchangeCarriesTheInboundId(CapturedOutput output) {
		long extracted = this.metrics.count(TraceMetrics.EXTRACTED, Layer.HTTP, "header:X-Trace-ID");
		ResponseEntity<String> response = get("/plain?tag=debug-inbound", "debug-1");
		assertThat(response.getHeaders().getFirst("X-Trace-ID")).isEqualTo("debug-1");
		await().untilAsserted(() -> {
			List<Map<String, Object>> lines = exchangeLines(output, "/plain?tag=debug-inbound");
			assertThat(lines)
				.anySatisfy((line) -> assertThat(line).containsEntry("logger", ADAPTER)
					.satisfies((adapter) -> assertThat((String) adapter.get("message")).contains("HTTP GET")))
				.anySatisfy((line) -> assertThat(line).containsEntry("logger", ADAPTER)
					.satisfies((adapter) -> assertThat((String) adapter.get("message")).endsWith("Completed 200 OK")))
				.allSatisfy((line) -> assertThat(line).containsEntry("trace_id", "debug-1"));
			// Reactor Netty's adapter logs past the handler, under the connection's
			// prefix.
			assertThat(completedLines(output))
				.anySatisfy((line) -> assertThat(line).containsEntry("trace_id", "debug-1"));
			assertThat(JsonLines.withMessage(output, "plain handler"::equals))
				.anySatisfy((line) -> assertThat(line).containsEntry("trace_id", "debug-1"));
		});
		// Resolved once: by the HttpHandler decorator, not again by the filter.
		assertThat(this.metrics.count(TraceMetrics.EXTRACTED, Layer.HTTP, "header:X-Trace-ID"))
			.isEqualTo(extracted + 1);
	}

	@Test
	void aGeneratedIdCarriesTheLinesFromTheFilterOnToTheEnd(CapturedOutput output) {
		long generated = this.metrics.count(TraceMetrics.GENERATED, Layer.HTTP, null);
		ResponseEntity<String> response = get("/plain?tag=debug-generated", null);
		String traceId = response.getHeaders().getFirst("X-Trace-ID");
		assertThat(traceId).matches("[0-9a-f]{32}");
		await().untilAsserted(() -> {
			List<Map<String, Object>> lines = exchangeLines(output, "/plain?tag=debug-generated");
			// The id is the span's trace id, made inside the request's observation, which
			// starts after Spring logged the request line.
			assertThat(lines.get(0)).containsEntry("logger", ADAPTER).doesNotContainKey("trace_id");
			assertThat(lines.subList(1, lines.size())).isNotEmpty()
				.anySatisfy((line) -> assertThat((String) line.get("message")).endsWith("Completed 200 OK"))
				.allSatisfy((line) -> assertThat(line).containsEntry("trace_id", traceId));
			assertThat(completedLines(output))
				.anySatisfy((line) -> assertThat(line).containsEntry("trace_id", traceId));
		});
		assertThat(this.metrics.count(TraceMetrics.GENERATED, Layer.HTTP, null)).isEqualTo(generated + 1);
	}

	private ResponseEntity<String> get(String uri, String traceId) {
		return WebClient.create("http://127.0.0.1:" + this.port).get().uri(uri).headers((headers) -> {
			if (traceId != null) {
				headers.set("X-Trace-ID", traceId);
			}
		}).retrieve().toEntity(String.class).block(Duration.ofSeconds(10));
	}

	private static List<Map<String, Object>> completedLines(CapturedOutput output) {
		return JsonLines.parse(output)
			.stream()
			.filter((line) -> REACTOR_ADAPTER.equals(line.get("logger"))
					&& String.valueOf(line.get("message")).endsWith("Handling completed"))
			.toList();
	}

	/**
	 * The lines Spring wrote for one exchange: each starts with the exchange's log
	 * prefix, which its request line shows first.
	 */
	private static List<Map<String, Object>> exchangeLines(CapturedOutput output, String uri) {
		List<Map<String, Object>> lines = JsonLines.parse(output);
		String prefix = lines.stream()
			.map((line) -> String.valueOf(line.get("message")))
			.filter((message) -> message.contains("HTTP GET \"" + uri + "\""))
			.map((message) -> message.substring(0, message.indexOf(']') + 1))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No request line for " + uri));
		return lines.stream().filter((line) -> String.valueOf(line.get("message")).startsWith(prefix)).toList();
	}

}
