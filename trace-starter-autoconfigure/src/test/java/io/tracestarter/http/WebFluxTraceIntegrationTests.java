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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoopGroup;
import io.tracestarter.JsonLines;
import io.tracestarter.PooledThreads;
import io.tracestarter.app.WebFluxTestApplication;
import io.tracestarter.core.Layer;
import io.tracestarter.core.TraceMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.resources.LoopResources;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real Netty server on a random port, the starter with zero configuration, Micrometer
 * Tracing present; assertions on the JSON lines the application wrote.
 */
@SpringBootTest(classes = WebFluxTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "management.tracing.export.otlp.enabled=false",
				"management.otlp.metrics.export.enabled=false" })
@ExtendWith(OutputCaptureExtension.class)
class WebFluxTraceIntegrationTests {

	private static final int HOP_LINES_PER_REQUEST = 6;

	@LocalServerPort
	private int port;

	@Autowired
	private TraceMetrics metrics;

	@Autowired
	private ReactorResourceFactory resources;

	private WebClient client() {
		return WebClient.builder().baseUrl("http://127.0.0.1:" + this.port).build();
	}

	@Test
	void inboundIdReachesEveryHopAndTheResponse(CapturedOutput output) {
		var response = client().get()
			.uri("/hops?tag=inbound")
			.header("X-Trace-ID", "abc123")
			.retrieve()
			.toEntity(String.class)
			.block(Duration.ofSeconds(10));
		assertThat(response.getHeaders().getFirst("X-Trace-ID")).isEqualTo("abc123");
		assertThat(response.getBody()).startsWith("abc123 ");
		await().untilAsserted(() -> assertThat(hopLines(output, "inbound")).hasSize(HOP_LINES_PER_REQUEST + 1)
			.allSatisfy((line) -> assertThat(line).containsEntry("trace_id", "abc123")));
		assertThat(threads(hopLines(output, "inbound"))).anyMatch((thread) -> thread.startsWith("boundedElastic"))
			.anyMatch((thread) -> thread.startsWith("parallel"))
			.anyMatch((thread) -> thread.contains("-http-"));
	}

	@Test
	void traceparentAloneGivesItsTraceId(CapturedOutput output) {
		String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
		var response = client().get()
			.uri("/hops?tag=w3c")
			.header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
			.retrieve()
			.toEntity(String.class)
			.block(Duration.ofSeconds(10));
		assertThat(response.getHeaders().getFirst("X-Trace-ID")).isEqualTo(traceId);
		await().untilAsserted(() -> assertThat(hopLines(output, "w3c")).hasSize(HOP_LINES_PER_REQUEST + 1)
			.allSatisfy((line) -> assertThat(line).containsEntry("trace_id", traceId)));
	}

	@Test
	void withoutHeaderEachRequestGetsOneFreshIdThatIsTheSpansTraceId(CapturedOutput output) {
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 100; i++) {
			var response = client().get()
				.uri("/hops?tag=fresh" + i)
				.retrieve()
				.toEntity(String.class)
				.block(Duration.ofSeconds(10));
			String id = response.getHeaders().getFirst("X-Trace-ID");
			assertThat(id).matches("[0-9a-f]{32}");
			// The downstream call got the same id and, from Micrometer, a traceparent
			// with that trace id: logs and spans join up.
			assertThat(response.getBody()).startsWith(id + " 00-" + id + "-");
			ids.add(id);
		}
		assertThat(ids).hasSize(100);
		await().untilAsserted(() -> {
			for (int i = 0; i < 100; i++) {
				List<Map<String, Object>> lines = hopLines(output, "fresh" + i);
				assertThat(lines).hasSize(HOP_LINES_PER_REQUEST + 1);
				assertThat(lines.stream().map((line) -> line.get("trace_id")).distinct()).hasSize(1)
					.allSatisfy((id) -> assertThat(ids).contains((String) id));
			}
		});
	}

	@Test
	void concurrentRequestsNeverSeeAnotherRequestsId(CapturedOutput output) throws Exception {
		int requests = 200;
		List<CompletableFuture<String>> responses = Flux.range(0, requests)
			.map((i) -> client().get()
				.uri("/hops?tag=conc" + i)
				.header("X-Trace-ID", "conc-" + i)
				.retrieve()
				.bodyToMono(String.class)
				.toFuture())
			.collectList()
			.block();
		CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS).join();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			for (int i = 0; i < requests; i++) {
				String expected = "conc-" + i;
				assertThat(hopLines(output, "conc" + i)).hasSize(HOP_LINES_PER_REQUEST + 1)
					.allSatisfy((line) -> assertThat(line).containsEntry("trace_id", expected));
			}
		});
		PooledThreads.assertHoldNoId(output, "after-concurrent", serverLoops());
	}

	@Test
	void errorsAndCancelsLeaveNoIdOnPooledThreads(CapturedOutput output) throws Exception {
		var status = client().get()
			.uri("/boom")
			.header("X-Trace-ID", "boom-1")
			.exchangeToMono((response) -> Mono.just(response.statusCode()))
			.block(Duration.ofSeconds(10));
		assertThat(status).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		// The client gives up once the handler has started: WebFlux cancels the
		// exchange.
		Disposable slow = client().get()
			.uri("/slow")
			.header("X-Trace-ID", "cancel-1")
			.retrieve()
			.bodyToMono(String.class)
			.subscribe();
		await().untilAsserted(() -> assertThat(JsonLines.withMessage(output, "slow handler"::equals)).singleElement()
			.satisfies((line) -> assertThat(line).containsEntry("trace_id", "cancel-1")));
		assertThat(slow.isDisposed()).isFalse();
		slow.dispose();
		await().untilAsserted(() -> {
			assertThat(JsonLines.withMessage(output, (message) -> message.startsWith("boom"))).hasSize(2)
				.allSatisfy((line) -> assertThat(line).containsEntry("trace_id", "boom-1"));
			// Boot's error handler runs outside the filter chain; its line still has the
			// id.
			assertThat(JsonLines.withMessage(output,
					(message) -> message.contains("500 Server Error for HTTP GET \"/boom\"")))
				.singleElement()
				.satisfies((line) -> assertThat(line).containsEntry("trace_id", "boom-1").containsKey("error.type"));
			assertThat(JsonLines.withMessage(output, "slow cancelled"::equals)).singleElement()
				.satisfies((line) -> assertThat(line).containsEntry("trace_id", "cancel-1"));
		});
		PooledThreads.assertHoldNoId(output, "after-errors", serverLoops());
	}

	@Test
	void onErrorResumeAndTimeoutPathsKeepTheId(CapturedOutput output) {
		assertThat(client().get()
			.uri("/recover")
			.header("X-Trace-ID", "recover-1")
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(10))).isEqualTo("recovered");
		assertThat(client().get()
			.uri("/timeout")
			.header("X-Trace-ID", "timeout-1")
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(10))).isEqualTo("timed out");
		await().untilAsserted(() -> {
			assertThat(JsonLines.withMessage(output, "recovered from handler failed"::equals)).singleElement()
				.satisfies((line) -> assertThat(line).containsEntry("trace_id", "recover-1"));
			// The timeout fires on a Reactor timer thread.
			assertThat(JsonLines.withMessage(output, "timed out waiting"::equals)).singleElement()
				.satisfies((line) -> assertThat(line).containsEntry("trace_id", "timeout-1"));
		});
	}

	@Test
	void hostileInboundValuesAreRejectedCountedAndNeverEchoed(CapturedOutput output) {
		List<String> hostile = HostileTraceIds.values();
		List<String> echoedIds = new ArrayList<>();
		long rejectedBefore = rejected();
		for (int i = 0; i < hostile.size(); i++) {
			String value = hostile.get(i);
			var response = client().get()
				.uri("/hops?tag=hostile" + i)
				.headers((headers) -> headers
					.set((value.startsWith("00-") || value.startsWith("ff-")) ? "traceparent" : "X-Trace-ID", value))
				.retrieve()
				.toEntity(String.class)
				.block(Duration.ofSeconds(10));
			assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
			String echoed = response.getHeaders().getFirst("X-Trace-ID");
			assertThat(echoed).isNotEqualTo(value).matches("[0-9a-f]{32}");
			echoedIds.add(echoed);
		}
		assertThat(rejected() - rejectedBefore).isEqualTo(hostile.size());
		// Every hop of each request carries the id it was given instead, the one the
		// response echoed.
		await().untilAsserted(() -> {
			for (int i = 0; i < hostile.size(); i++) {
				String expected = echoedIds.get(i);
				assertThat(hopLines(output, "hostile" + i)).hasSize(HOP_LINES_PER_REQUEST + 1)
					.allSatisfy((line) -> assertThat(line).containsEntry("trace_id", expected));
			}
		});
		String out = output.getOut();
		for (String value : hostile) {
			if (value.length() > 3) {
				assertThat(out).doesNotContain(value);
			}
		}
	}

	private EventLoopGroup serverLoops() {
		return this.resources.getLoopResources().onServer(LoopResources.DEFAULT_NATIVE);
	}

	private long rejected() {
		return this.metrics.count(TraceMetrics.REJECTED, Layer.HTTP, null);
	}

	static List<Map<String, Object>> hopLines(CapturedOutput output, String tag) {
		return JsonLines.withMessage(output,
				(message) -> (message.startsWith("hop ") || message.startsWith("downstream "))
						&& (message.endsWith(" " + tag)));
	}

	private static List<String> threads(List<Map<String, Object>> lines) {
		return lines.stream().map((line) -> (String) line.get("thread")).toList();
	}

}
