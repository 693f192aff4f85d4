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
import java.util.UUID;

import io.tracestarter.app.WebFluxTestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

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
 * With Micrometer Tracing and Boot's ECS console (which the starter writes with its own
 * ECS line), a request whose id is its span's trace id is carried by the tracer alone:
 * the starter puts no copy into the Reactor context, and its lines, its API and its
 * outbound header still give the id on every thread. So is an inbound id that is the
 * trace id of the request's {@code traceparent}, which the tracer continues. A real Netty
 * server on a random port; assertions on the JSON lines the application wrote.
 */
@SpringBootTest(classes = WebFluxTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "logging.structured.format.console=ecs",
				"management.tracing.export.otlp.enabled=false", "management.otlp.metrics.export.enabled=false" })
@ExtendWith(OutputCaptureExtension.class)
class TracerCarriedIdIntegrationTests {

	private static final int HOP_LINES_PER_REQUEST = 7;

	@LocalServerPort
	private int port;

	@Test
	void aGeneratedIdIsTheTracersAndNoCopyOfItIsCarried() {
		ResponseEntity<String> response = get("/context", null);
		String id = response.getHeaders().getFirst("X-Trace-ID");
		assertThat(id).matches("[0-9a-f]{32}");
		assertThat(response.getBody()).isEqualTo("false " + id);
	}

	@Test
	void everyLineAndTheDownstreamCallGetTheTracersIdAsTheStartersId(CapturedOutput output) {
		ResponseEntity<String> response = get("/hops?tag=carried", null);
		String id = response.getHeaders().getFirst("X-Trace-ID");
		assertThat(response.getBody()).startsWith(id + " 00-" + id + "-");
		// The downstream request brought the id in X-Trace-ID: it is carried as the
		// starter's own there, so only this request's hop lines are checked.
		assertEveryHopLineHasOnlyTheTracersIdAs(output, "carried", id);
	}

	@Test
	void anInboundIdThatIsNotTheSpansIsStillCarriedAsTheStartersOwn(CapturedOutput output) {
		assertThat(get("/context", "abc123").getBody()).isEqualTo("true abc123");
		ResponseEntity<String> response = get("/hops?tag=inbound-carried", "abc123");
		assertThat(response.getBody()).startsWith("abc123 00-");
		await().untilAsserted(() -> assertThat(WebFluxTraceIntegrationTests.hopLines(output, "inbound-carried"))
			.hasSize(HOP_LINES_PER_REQUEST)
			.allSatisfy((line) -> assertThat(line).containsEntry("trace.id", "abc123")
				.hasEntrySatisfying("traceId", (tracers) -> assertThat((String) tracers).matches("[0-9a-f]{32}"))));
	}

	@Test
	void anInboundIdThatContinuesTheSameTraceIsLeftToTheTracer(CapturedOutput output) {
		String id = randomTraceId();
		String traceparent = "00-" + id + "-00f067aa0ba902b7-01";
		assertThat(get("/context", id, traceparent).getBody()).isEqualTo("false " + id);
		ResponseEntity<String> response = get("/hops?tag=continued", id, traceparent);
		assertThat(response.getHeaders().getFirst("X-Trace-ID")).isEqualTo(id);
		assertThat(response.getBody()).startsWith(id + " 00-" + id + "-");
		assertEveryHopLineHasOnlyTheTracersIdAs(output, "continued", id);
	}

	@Test
	void anInboundIdBesideTheTraceparentOfAnotherTraceIsStillCarried() {
		String id = randomTraceId();
		String traceparent = "00-" + randomTraceId() + "-00f067aa0ba902b7-01";
		assertThat(get("/context", id, traceparent).getBody()).isEqualTo("true " + id);
	}

	/**
	 * Every hop line of the request tagged {@code tag} has the id as {@code trace.id},
	 * and the lines written under the tracer's context alone have no other id member; the
	 * hops ran on Reactor's other threads too.
	 */
	private static void assertEveryHopLineHasOnlyTheTracersIdAs(CapturedOutput output, String tag, String id) {
		await().untilAsserted(
				() -> assertThat(WebFluxTraceIntegrationTests.hopLines(output, tag)).hasSize(HOP_LINES_PER_REQUEST)
					.allSatisfy((line) -> assertThat(line).containsEntry("trace.id", id).containsKey("span.id"))
					.filteredOn((line) -> ((String) line.get("message")).startsWith("hop "))
					.hasSize(HOP_LINES_PER_REQUEST - 1)
					.allSatisfy((line) -> assertThat(line).doesNotContainKeys("traceId", "spanId", "trace_id")));
		assertThat(threads(WebFluxTraceIntegrationTests.hopLines(output, tag)))
			.anyMatch((thread) -> thread.startsWith("boundedElastic"))
			.anyMatch((thread) -> thread.startsWith("parallel"));
	}

	private static String randomTraceId() {
		return UUID.randomUUID().toString().replace("-", "");
	}

	private ResponseEntity<String> get(String uri, String traceId) {
		return get(uri, traceId, null);
	}

	private ResponseEntity<String> get(String uri, String traceId, String traceparent) {
		return WebClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port)
			.build()
			.get()
			.uri(uri)
			.headers((headers) -> {
				if (traceId != null) {
					headers.set("X-Trace-ID", traceId);
				}
				if (traceparent != null) {
					headers.set("traceparent", traceparent);
				}
			})
			.retrieve()
			.toEntity(String.class)
			.block(Duration.ofSeconds(10));
	}

	private static List<String> threads(List<Map<String, Object>> lines) {
		return lines.stream()
			.map((line) -> (String) ((Map<?, ?>) ((Map<?, ?>) line.get("process")).get("thread")).get("name"))
			.toList();
	}

}
