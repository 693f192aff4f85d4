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

package io.tracestarter.sampling;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.tracestarter.JsonLines;
import io.tracestarter.core.RequestSampling.Kind;
import io.tracestarter.core.RequestSampling.Request;
import io.tracestarter.core.TraceScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Log sampling on a real Netty server: sampled-out requests write nothing, failing ones
 * write everything in order, a 10% rule keeps about 10% of ids and always the same ones.
 */
@SpringBootTest(classes = SamplingTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "management.tracing.export.otlp.enabled=false",
				"management.otlp.metrics.export.enabled=false",
				"management.endpoints.web.exposure.include=tracecontext", "trace.sampling.enabled=true",
				"trace.sampling.capture-debug-on-error=true", "trace.sampling.rules[0].logger=sampling.noisy",
				"trace.sampling.rules[0].rate=0", "trace.sampling.rules[1].route=/quiet/**",
				"trace.sampling.rules[1].rate=0", "trace.sampling.rules[2].name=tenth",
				"trace.sampling.rules[2].route=/tenth/**", "trace.sampling.rules[2].rate=0.1",
				"trace.sampling.buffer.max-lines=20", "trace.sampling.buffer.max-requests=2000",
				"trace.sampling.buffer.max-total-bytes=2MB" })
@ExtendWith(OutputCaptureExtension.class)
class SamplingIntegrationTests {

	private static final String HANDLERS = SamplingTestApplication.Handlers.class.getName();

	@LocalServerPort
	private int port;

	@Autowired
	private SampledRequests requests;

	private WebClient client() {
		return WebClient.builder().baseUrl("http://127.0.0.1:" + this.port).build();
	}

	private HttpStatusCode get(String uri, String traceId) {
		return client().get()
			.uri(uri)
			.header("X-Trace-ID", traceId)
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode()))
			.block(Duration.ofSeconds(10));
	}

	@Test
	void successfulSampledOutRequestsWriteNothingAndAFailingOneWritesEverythingInOrder(CapturedOutput output) {
		for (int i = 0; i < 100; i++) {
			assertThat(get("/quiet/ok?tag=quiet" + i, "quiet-" + i).value()).isEqualTo(200);
		}
		assertThat(get("/quiet/throw?tag=thrown", "thrown-1").value()).isEqualTo(500);
		await()
			.untilAsserted(() -> assertThat(handlerLines(output, "thrown-1")).extracting((line) -> line.get("message"))
				.contains("thrown step 1", "thrown debug", "thrown step 2"));
		List<Map<String, Object>> held = handlerLines(output, "thrown-1").stream()
			.filter((line) -> "error".equals(line.get("trace_sampling")))
			.toList();
		assertThat(held).extracting((line) -> line.get("message"))
			.containsExactly("thrown step 1", "thrown debug", "thrown step 2");
		assertThat(held.get(1)).containsEntry("level", "DEBUG").containsEntry("order", 7);
		assertThat(held).extracting((line) -> Instant.parse((String) line.get("@timestamp"))).isSorted();
		assertThat(held.get(0).get("thread")).asString().contains("-http-");
		assertThat(held.get(2).get("thread")).asString().startsWith("boundedElastic");
		// Boot's own line about the failure is an ERROR line: written as it came.
		assertThat(linesOf(output, "thrown-1")).anySatisfy((line) -> assertThat(line).containsEntry("level", "ERROR"));
		// The framework's DEBUG lines of the request were captured too.
		assertThat(linesOf(output, "thrown-1")).anySatisfy((line) -> assertThat(line).containsEntry("level", "DEBUG")
			.containsEntry("trace_sampling", "error")
			.doesNotContainEntry("logger", HANDLERS));
		for (int i = 0; i < 100; i++) {
			assertThat(linesOf(output, "quiet-" + i)).isEmpty();
		}
		assertThat(JsonLines.withMessage(output, (message) -> message.startsWith("quiet"))).isEmpty();
		SamplingCounters.Lines quiet = this.requests.rules().all().get(1).counters();
		assertThat(quiet.dropped()).isGreaterThanOrEqualTo(300);
		assertThat(quiet.flushed()).isGreaterThanOrEqualTo(3);
		await().untilAsserted(() -> assertThat(this.requests.size()).isZero());
		assertThat(this.requests.totalBytes()).isZero();
	}

	@Test
	void aFiveHundredResponseIsAFailureToo(CapturedOutput output) {
		assertThat(get("/quiet/status?tag=unavailable", "status-1").value()).isEqualTo(503);
		await()
			.untilAsserted(() -> assertThat(handlerLines(output, "status-1")).extracting((line) -> line.get("message"))
				.containsExactly("unavailable step 1", "unavailable step 2"));
		assertThat(handlerLines(output, "status-1"))
			.allSatisfy((line) -> assertThat(line).containsEntry("trace_sampling", "error"));
	}

	@Test
	void warnLinesAreNeverDropped(CapturedOutput output) {
		assertThat(get("/quiet/warn?tag=warned", "warn-1").value()).isEqualTo(200);
		await().untilAsserted(() -> assertThat(linesOf(output, "warn-1")).singleElement()
			.satisfies((line) -> assertThat(line).containsEntry("message", "warned warning")
				.containsEntry("level", "WARN")
				.doesNotContainKey("trace_sampling")));
	}

	@Test
	void aFullBufferIsAnnouncedByAMarkerLine(CapturedOutput output) {
		assertThat(get("/quiet/long?tag=long&lines=50", "long-1").value()).isEqualTo(500);
		await().untilAsserted(() -> assertThat(linesOf(output, "long-1"))
			.anySatisfy((line) -> assertThat(line).containsEntry("trace_sampling", "overflow")));
		List<Map<String, Object>> lines = linesOf(output, "long-1");
		List<Map<String, Object>> held = lines.stream()
			.filter((line) -> "error".equals(line.get("trace_sampling")))
			.toList();
		// max-lines is 20: the first 20 lines of the request (the framework's DEBUG lines
		// among them), then the marker with the count of the rest.
		assertThat(held).hasSize(20);
		List<Object> handler = held.stream()
			.filter((line) -> HANDLERS.equals(line.get("logger")))
			.map((line) -> line.get("message"))
			.toList();
		assertThat(handler).hasSizeGreaterThanOrEqualTo(15)
			.isEqualTo(IntStream.range(0, handler.size()).mapToObj((i) -> "long line " + i).toList());
		assertThat(lines.stream().filter((line) -> "overflow".equals(line.get("trace_sampling")))).singleElement()
			.satisfies((line) -> assertThat((String) line.get("message"))
				.matches("Log sampling: \\d+ lines of this failed request were not kept .*")
				.satisfies((message) -> assertThat(Integer.parseInt(message.split(" ")[2]))
					.isGreaterThanOrEqualTo(50 - handler.size())));
	}

	@Test
	void aLoggerRuleDropsItsLinesWhereverTheyAre(CapturedOutput output) {
		assertThat(get("/open/ok?tag=open", "open-1").value()).isEqualTo(200);
		// Held lines of sampled-out requests count as dropped when their request ends,
		// which
		// can be just after the client has its answer: wait until no earlier request is
		// open.
		await().until(() -> this.requests.size() == 0);
		long droppedBefore = this.requests.rules().all().get(0).counters().dropped();
		assertThat(get("/open/ok?tag=open-again", "open-2").value()).isEqualTo(200);
		await().untilAsserted(() -> assertThat(linesOf(output, "open-2")).extracting((line) -> line.get("message"))
			.containsExactly("open-again step 1", "open-again step 2"));
		assertThat(linesOf(output, "open-1")).extracting((line) -> line.get("message"))
			.containsExactly("open step 1", "open step 2");
		assertThat(this.requests.rules().all().get(0).counters().dropped()).isEqualTo(droppedBefore + 1);
	}

	@Test
	void aTenthRuleKeepsAboutATenthOfIdsAndAlwaysTheSameOnes(CapturedOutput output) {
		List<String> ids = new ArrayList<>();
		Random random = new Random(20261128);
		for (int i = 0; i < 1000; i++) {
			ids.add(String.format("%016x%016x", random.nextLong(), random.nextLong()));
		}
		Set<String> first = keptIds(output, ids, "first");
		Set<String> second = keptIds(output, ids, "second");
		// Binomial(1000, 0.1): mean 100, standard deviation 9.5; 4 deviations either side
		// leave a chance of about 1 in 15,000 for a correct sampler to fail here.
		assertThat(first).hasSizeBetween(62, 138);
		assertThat(second).isEqualTo(first);
		// The same decision as OpenTelemetry's own trace-id ratio sampler at 0.1.
		Sampler sampler = Sampler.traceIdRatioBased(0.1);
		Set<String> otel = ids.stream()
			.filter((id) -> sampler
				.shouldSample(Context.root(), id, "request", SpanKind.SERVER, Attributes.empty(), List.of())
				.getDecision() == SamplingDecision.RECORD_AND_SAMPLE)
			.collect(Collectors.toSet());
		assertThat(otel).hasSizeBetween(62, 138);
		assertThat(first).isEqualTo(otel);
	}

	private Set<String> keptIds(CapturedOutput output, List<String> ids, String run) {
		Flux.fromIterable(ids)
			.flatMap((id) -> client().get()
				.uri("/tenth/ok?tag={tag}", run + "-" + id)
				.header("X-Trace-ID", id)
				.retrieve()
				.toBodilessEntity(), 16)
			.then()
			.block(Duration.ofSeconds(120));
		// Every request has answered; its step 2 line, if kept, was written before.
		Set<String> idSet = new HashSet<>(ids);
		return JsonLines.parse(output)
			.stream()
			.filter((line) -> (run + "-" + line.get("trace_id") + " step 2").equals(line.get("message")))
			.map((line) -> (String) line.get("trace_id"))
			.filter(idSet::contains)
			.collect(Collectors.toSet());
	}

	@Test
	void tenThousandOpenSampledOutRequestsStayWithinTheBounds(CapturedOutput output) {
		List<Request> open = new ArrayList<>();
		long heapBefore = usedHeapAfterGc();
		// The first 2,000 fill max-requests; nothing is written, so the heap holds only
		// what the buffers keep.
		openRequests(open, 0, 2000);
		long heapBuffered = usedHeapAfterGc();
		SamplingState.Buffers buffers = new SamplingState(this.requests, new SamplingCounters()).describe().buffers();
		assertThat(buffers.requests()).isEqualTo(2000);
		assertThat(buffers.bytes()).isLessThanOrEqualTo(2L * 1024 * 1024);
		assertThat(JsonLines.withMessage(output, (message) -> message.startsWith("load "))).isEmpty();
		// The other 8,000 find the buffers full: they are not sampled, their lines
		// written.
		openRequests(open, 2000, 10_000);
		assertThat(this.requests.size()).isEqualTo(2000);
		assertThat(JsonLines.withMessage(output, (message) -> message.startsWith("load "))).hasSize(8000 * 5);
		open.forEach((request) -> request.end(false));
		assertThat(this.requests.size()).isZero();
		assertThat(this.requests.totalBytes()).isZero();
		// Heap after System.gc() depends on the collector: reported, not asserted. The
		// bounds asserted are the buffers' own sizes above.
		long heapBufferedKb = (heapBuffered - heapBefore) / 1024;
		System.out.printf("sampling-memory: 10000 open requests, %d buffered, %d bytes estimated, heap +%d KB%n",
				buffers.requests(), buffers.bytes(), heapBufferedKb);
	}

	private void openRequests(List<Request> open, int from, int to) {
		Logger logger = LoggerFactory.getLogger("sampling.load");
		for (int i = from; i < to; i++) {
			String id = "open-request-" + i;
			open.add(this.requests.begin(id, Kind.ROUTE, "/quiet/load"));
			try (TraceScope scope = TraceScope.open(id)) {
				for (int line = 0; line < 5; line++) {
					logger.info("load {} line {} {}", i, line, "x".repeat(200));
				}
			}
		}
	}

	private static long usedHeapAfterGc() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static List<Map<String, Object>> handlerLines(CapturedOutput output, String traceId) {
		return linesOf(output, traceId).stream().filter((line) -> HANDLERS.equals(line.get("logger"))).toList();
	}

	private static List<Map<String, Object>> linesOf(CapturedOutput output, String traceId) {
		return JsonLines.parse(output).stream().filter((line) -> traceId.equals(line.get("trace_id"))).toList();
	}

}
