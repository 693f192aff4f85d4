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

package io.tracestarter.actuate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.tracestarter.app.DiagnosticsTestApplication;
import io.tracestarter.core.HopEvent;
import io.tracestarter.core.Layer;
import io.tracestarter.core.RecentTraceHops;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The endpoint over HTTP on a real Netty server with the endpoint exposed.
 */
@SpringBootTest(classes = DiagnosticsTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive",
				"management.endpoints.web.exposure.include=tracecontext",
				"management.endpoint.tracecontext.show-values=always", "management.tracing.export.otlp.enabled=false",
				"management.otlp.metrics.export.enabled=false" })
class TraceContextEndpointIntegrationTests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@LocalServerPort
	private int port;

	@Autowired
	private MeterRegistry meterRegistry;

	@Autowired
	private RecentTraceHops recentHops;

	private WebClient client() {
		return WebClient.create("http://127.0.0.1:" + this.port);
	}

	private ResponseEntity<Map<String, Object>> get(String path) {
		return client().get()
			.uri(path)
			.exchangeToMono((response) -> response.toEntity(JSON))
			.block(Duration.ofSeconds(10));
	}

	private void request(String path, String traceId) {
		client().get().uri(path).headers((headers) -> {
			if (traceId != null) {
				headers.set("X-Trace-ID", traceId);
			}
		}).retrieve().toBodilessEntity().block(Duration.ofSeconds(10));
	}

	@Test
	@SuppressWarnings("unchecked")
	void reportsConfigAndCountersAfterValidMissingAndHostileIds() {
		request("/diag/downstream", "valid-1");
		request("/diag/downstream", null);
		request("/diag/downstream", "hostile \"value\"");
		Map<String, Object> body = get("/actuator/tracecontext").getBody();
		Map<String, Object> config = (Map<String, Object>) body.get("config");
		assertThat((List<String>) config.get("sources")).containsExactly("header:X-Trace-ID", "traceparent",
				"header:X-Request-ID", "query:trace_id");
		assertThat((Map<String, String>) config.get("layers")).containsEntry("http", "on")
			.containsEntry("reactor", "on")
			.containsEntry("async", "on")
			.containsEntry("kafka", "on")
			.containsEntry("grpc", "on");
		Map<String, Object> layers = (Map<String, Object>) body.get("layers");
		assertThat(layers).containsOnlyKeys("http", "async", "grpc", "kafka");
		assertThat((Map<String, Object>) layers.get("async")).containsOnlyKeys("generated");
		Map<String, Object> http = (Map<String, Object>) layers.get("http");
		assertThat(http).containsOnlyKeys("extracted", "generated", "rejected", "propagated", "withheld");
		assertThat((Map<String, Integer>) http.get("extracted")).containsKey("header:X-Trace-ID");
		assertThat((Integer) http.get("generated")).isGreaterThanOrEqualTo(2);
		assertThat((Map<String, Integer>) http.get("rejected")).containsEntry("forbidden_character", 1);
		assertThat(body.toString()).doesNotContain("hostile");
		assertThat(this.meterRegistry.get("trace.ids")
			.tag("layer", "http")
			.tag("outcome", "rejected")
			.tag("reason", "forbidden_character")
			.functionCounter()
			.count()).isEqualTo(1);
	}

	@Test
	@SuppressWarnings("unchecked")
	void breakPointsNameTheThreadGroupAndLoggerThatLostTheContext() {
		for (int i = 0; i < 3; i++) {
			request("/diag/broken?n=" + i, "broken-" + i);
		}
		await().untilAsserted(() -> {
			Map<String, Object> breakPoints = (Map<String, Object>) get("/actuator/tracecontext").getBody()
				.get("breakPoints");
			List<Map<String, Object>> groups = (List<Map<String, Object>>) breakPoints.get("groups");
			assertThat(groups).anySatisfy((group) -> assertThat(group).containsEntry("threadGroup", "raw-worker-N")
				.containsEntry("logger", DiagnosticsTestApplication.class.getName())
				.containsEntry("count", 3)
				.containsEntry("sample", "lost context in a raw thread")
				.containsKeys("first", "last"));
		});
		assertThat(this.meterRegistry.get("trace.logging.missing").functionCounter().count()).isGreaterThanOrEqualTo(3);
	}

	@Test
	@SuppressWarnings("unchecked")
	void timelineOfOneIdListsHttpReactorAsyncInOrder() {
		request("/diag/hops?tag=t1", "timeline-1");
		await().untilAsserted(() -> {
			ResponseEntity<Map<String, Object>> response = get("/actuator/tracecontext/timeline-1");
			assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
			List<Map<String, Object>> hops = (List<Map<String, Object>>) response.getBody().get("hops");
			assertThat(hops).extracting((hop) -> hop.get("layer") + " " + hop.get("event"))
				.containsSubsequence("http in", "reactor hop", "async hop", "http out");
			assertThat(hops).allSatisfy((hop) -> assertThat(hop).containsKeys("thread", "time"));
			assertThat(hops.get(0)).containsEntry("logger", DiagnosticsTestApplication.class.getName());
		});
	}

	@Test
	@SuppressWarnings("unchecked")
	void everyHopHasTheSameKeysAndAMissingLoggerIsNull() {
		request("/diag/hops?tag=t2", "shape-1");
		// A hop after which no line is written has no logger.
		this.recentHops.record("shape-1", Layer.HTTP, HopEvent.OUT);
		ResponseEntity<Map<String, Object>> response = get("/actuator/tracecontext/shape-1");
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody()).containsOnlyKeys("traceId", "hops", "droppedHops", "started");
		List<Map<String, Object>> hops = (List<Map<String, Object>>) response.getBody().get("hops");
		assertThat(hops).hasSizeGreaterThan(1)
			.allSatisfy((hop) -> assertThat(hop).containsOnlyKeys("time", "layer", "event", "thread", "logger"));
		assertThat(hops).anySatisfy((hop) -> assertThat(hop).containsEntry("logger", null));
		assertThat(hops.get(0)).containsEntry("logger", DiagnosticsTestApplication.class.getName());
	}

	@Test
	void unknownIdIs404AndInvalidIdIs400WithoutEchoingIt() {
		assertThat(get("/actuator/tracecontext/never-seen").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		ResponseEntity<String> invalid = client().get()
			.uri("/actuator/tracecontext/{id}", "bad<script>")
			.exchangeToMono((response) -> response.toEntity(String.class))
			.block(Duration.ofSeconds(10));
		assertThat(invalid.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		// Boot's error body names the request path, URL-encoded; the endpoint adds
		// nothing of the input.
		assertThat(String.valueOf(invalid.getBody())).doesNotContain("<script>").doesNotContain("not a valid");
	}

}
