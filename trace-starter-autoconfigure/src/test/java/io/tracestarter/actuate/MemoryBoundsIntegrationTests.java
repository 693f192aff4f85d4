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

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.tracestarter.JsonLines;
import io.tracestarter.autoconfigure.TraceProperties;
import io.tracestarter.core.RecentTraceHops;
import io.tracestarter.core.RejectionReason;
import io.tracestarter.core.TraceMetrics;
import io.tracestarter.logging.LinesWithoutTraceId;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 30,000 distinct ids, thirty times the most the starter keeps, through the application
 * leave every structure of the starter at its configured bound, and that bound does not
 * move between the first half of the ids and the second: memory is bounded by
 * construction, which this proves whatever the garbage collector does. Heap figures after
 * full collections, with and without the starter, are printed for the record, not
 * asserted: they depend on the collector. The ids go in-process through the application's
 * own WebFlux handler (every web filter including the starter's, the controller, its log
 * lines with hop recording on); 2,000 more go over real HTTP to the Netty server. Stdout
 * is a sink that parses each request line the application writes and keeps only counts,
 * so the check itself holds no memory.
 */
class MemoryBoundsIntegrationTests {

	private static final int IN_PROCESS = 30_000;

	private static final int OVER_HTTP = 2_000;

	private static final int WARM_UP = 5_000;

	private static final long MB = 1024 * 1024;

	private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 40000);

	@Test
	void thirtyThousandDistinctIdsLeaveEveryStructureAtItsBound() {
		PrintStream original = System.out;
		LineSink sink = new LineSink();
		System.setOut(new PrintStream(sink, true, StandardCharsets.UTF_8));
		Run without;
		Run with;
		try {
			// Without the starter first: Reactor's automatic context propagation, which
			// the
			// starter switches on, is process-wide and stays on.
			without = run(false, sink);
			with = run(true, sink);
		}
		finally {
			System.setOut(original);
		}
		Structures structures = with.structures;
		System.out.printf("memory: %,d ids in-process + %,d over HTTP; heap after full GC %.1f MB with the starter,"
				+ " %.1f MB without (trace.enabled=false), difference %.1f MB; growth over the workload %.1f MB"
				+ " with, %.1f MB without; %d lines checked, %d with a wrong id, %d without an id; recent ids %d"
				+ " (bound %d), most hops kept for one id %d (bound %d), break-point groups %d (bound %d, %,d lines"
				+ " in dropped groups), counters %d, trace meters %d%n", IN_PROCESS, OVER_HTTP, mb(with.after),
				mb(without.after), mb(with.after - without.after), mb(with.after - with.before),
				mb(without.after - without.before), with.checked, with.wrong, with.missing, structures.recentIds,
				structures.recentIdsBound, structures.mostHops, structures.maxHopsPerId, structures.breakPointGroups,
				structures.breakPointsBound, structures.linesInDroppedGroups, structures.counters,
				structures.traceMeters);

		// Every request's lines were written, each under the request's own id.
		long requestLines = (WARM_UP + IN_PROCESS + OVER_HTTP) + (WARM_UP + IN_PROCESS) / 10;
		assertThat(without.checked).isEqualTo(requestLines);
		assertThat(with.checked).isEqualTo(requestLines);
		assertThat(with.wrong).isZero();
		assertThat(with.missing).isZero();

		assertThat(structures.recentIds).isEqualTo(structures.recentIdsBound);
		assertThat(structures.mostHops).isPositive().isLessThanOrEqualTo(structures.maxHopsPerId);
		assertThat(structures.breakPointGroups).isEqualTo(structures.breakPointsBound);
		assertThat(structures.linesInDroppedGroups).isPositive();
		// Counters and meters are made per kind of outcome (one layer here: extracted per
		// source, rejected per reason, generated, propagated), all seen in the warm-up:
		// none
		// was added by 30,000 more ids, and no tag holds an id.
		assertThat(structures.counters).isEqualTo(structures.countersAfterWarmUp)
			.isLessThanOrEqualTo(structures.sources + RejectionReason.values().length + 2);
		assertThat(structures.traceMeters).isEqualTo(structures.traceMetersAfterWarmUp);
		assertThat(structures.tagsHoldingAnId).isZero();

		// The second half of the ids found every structure already at its bound and left
		// it there.
		assertThat(with.halfway).isNotNull();
		assertThat(with.halfway.recentIds).isEqualTo(structures.recentIds);
		assertThat(with.halfway.breakPointGroups).isEqualTo(structures.breakPointGroups);
		assertThat(with.halfway.counters).isEqualTo(structures.counters);
		assertThat(with.halfway.traceMeters).isEqualTo(structures.traceMeters);
	}

	private static Run run(boolean starter, LineSink sink) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(MemoryApplication.class)
			.properties("spring.main.web-application-type=reactive", "server.port=0", "trace.enabled=" + starter,
					"management.endpoints.web.exposure.include=tracecontext",
					"management.tracing.export.otlp.enabled=false", "management.otlp.metrics.export.enabled=false")
			.run();
		try {
			HttpHandler handler = context.getBean(HttpHandler.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			sink.reset(starter);
			inProcess(handler, "w", 0, WARM_UP);
			int countersAfterWarmUp = starter ? context.getBean(TraceMetrics.class).snapshot().size() : 0;
			int traceMetersAfterWarmUp = traceMeters(registry);
			long before = usedHeapAfterFullGc();
			overHttp(((WebServerApplicationContext) context).getWebServer().getPort(), OVER_HTTP);
			inProcess(handler, "m", 0, IN_PROCESS / 2);
			Structures halfway = starter
					? Structures.of(context, IN_PROCESS / 2, countersAfterWarmUp, traceMetersAfterWarmUp) : null;
			inProcess(handler, "m", IN_PROCESS / 2, IN_PROCESS);
			long after = usedHeapAfterFullGc();
			Structures structures = starter
					? Structures.of(context, IN_PROCESS, countersAfterWarmUp, traceMetersAfterWarmUp) : null;
			return new Run(before, after, sink.checked.get(), sink.wrong.get(), sink.missing.get(), halfway,
					structures);
		}
		finally {
			context.close();
		}
	}

	/**
	 * Requests through the application's own handler, with the mix of inbound ids a
	 * service sees: mostly X-Trace-ID, some traceparent or query parameter, some none and
	 * some invalid (both get a generated id). Every tenth request also hops to another
	 * thread, and every hundredth line of some other code is written without an id from
	 * one of 500 loggers, more than the break points keep.
	 */
	private static void inProcess(HttpHandler handler, String prefix, int from, int to) {
		// Two callers at once, as two server threads would, each with every other id.
		Flux.range(0, 2)
			.parallel(2)
			.runOn(Schedulers.boundedElastic())
			.doOnNext((offset) -> inProcess(handler, prefix, from + offset, to, 2))
			.sequential()
			.blockLast(Duration.ofMinutes(5));
	}

	private static void inProcess(HttpHandler handler, String prefix, int first, int to, int step) {
		for (int i = first; i < to; i += step) {
			String id = prefix + "-" + i;
			String hop = (i % 10 == 0) ? "&hop=true" : "";
			MockServerHttpRequest.BaseBuilder<?> request = switch (i % 50) {
				case 1 -> {
					String traceId = String.format("%032x", ((long) prefix.charAt(0) << 40) + i);
					yield MockServerHttpRequest.get("/mem?tag=" + traceId + hop)
						.header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");
				}
				case 2 -> MockServerHttpRequest.get("/mem?tag=" + id + "&trace_id=" + id + hop);
				case 3 -> MockServerHttpRequest.get("/mem?tag=gen-" + id + hop);
				case 4 -> MockServerHttpRequest.get("/mem?tag=gen-" + id + hop).header("X-Trace-ID", id + "\"}");
				case 5 -> MockServerHttpRequest.get("/mem?tag=gen-" + id + hop).header("X-Trace-ID", "x".repeat(200));
				default -> MockServerHttpRequest.get("/mem?tag=" + id + hop).header("X-Trace-ID", id);
			};
			// A peer on loopback, which the default trust policy trusts, as over real
			// HTTP.
			handler.handle(request.remoteAddress(PEER).build(), new MockServerHttpResponse())
				.block(Duration.ofSeconds(10));
			if (i % 100 == 0) {
				LoggerFactory.getLogger("io.tracestarter.elsewhere.L" + (i / 100) % 500).info("line without an id");
			}
		}
	}

	private static void overHttp(int port, int count) {
		WebClient client = WebClient.create("http://127.0.0.1:" + port);
		Flux.range(0, count)
			.flatMap((i) -> client.get()
				.uri("/mem?tag=h-{i}", i)
				.header("X-Trace-ID", "h-" + i)
				.retrieve()
				.toBodilessEntity(), 64)
			.blockLast(Duration.ofMinutes(2));
	}

	/**
	 * Used heap after full collections, once two in a row agree within 1 MB (reference
	 * processing and lazily freed buffers settle over a few), or after ten: the figure is
	 * only reported, so a collector that never settles does not fail the test.
	 */
	private static long usedHeapAfterFullGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long last = Long.MAX_VALUE;
		for (int i = 0; i < 10; i++) {
			System.gc();
			long used = memory.getHeapMemoryUsage().getUsed();
			if (Math.abs(used - last) < MB) {
				return used;
			}
			last = used;
		}
		return last;
	}

	private static int traceMeters(MeterRegistry registry) {
		return (int) registry.getMeters()
			.stream()
			.filter((meter) -> meter.getId().getName().startsWith("trace."))
			.count();
	}

	private static double mb(long bytes) {
		return bytes / (double) MB;
	}

	private record Run(long before, long after, long checked, long wrong, long missing, @Nullable Structures halfway,
			@Nullable Structures structures) {
	}

	private record Structures(int recentIds, int recentIdsBound, int mostHops, int maxHopsPerId, int breakPointGroups,
			int breakPointsBound, long linesInDroppedGroups, int counters, int countersAfterWarmUp, int traceMeters,
			int traceMetersAfterWarmUp, long tagsHoldingAnId, int sources) {

		private static final Pattern ID = Pattern.compile(".*\\b[wmh]-[0-9]+.*|[0-9a-f]{32}");

		static Structures of(ConfigurableApplicationContext context, int lastId, int countersAfterWarmUp,
				int traceMetersAfterWarmUp) {
			TraceProperties properties = context.getBean(TraceProperties.class);
			TraceProperties.Actuator bounds = properties.getActuator();
			RecentTraceHops hops = context.getBean(RecentTraceHops.class);
			int mostHops = 0;
			// The newest ids are the ones kept.
			for (int i = lastId - 1; i >= lastId - bounds.getRecentIds(); i--) {
				RecentTraceHops.Hops kept = hops.hops("m-" + i);
				if (kept != null) {
					mostHops = Math.max(mostHops, kept.hops().size());
				}
			}
			LinesWithoutTraceId breakPoints = context.getBean(LinesWithoutTraceId.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			List<Meter> meters = registry.getMeters();
			long tagsHoldingAnId = meters.stream()
				.flatMap((meter) -> meter.getId().getTags().stream())
				.map(Tag::getValue)
				.filter((value) -> ID.matcher(value).matches())
				.count();
			return new Structures(hops.size(), bounds.getRecentIds(), mostHops, bounds.getMaxHopsPerId(),
					breakPoints.groups().size(), bounds.getMaxBreakPoints(), breakPoints.linesInDroppedGroups(),
					context.getBean(TraceMetrics.class).snapshot().size(), countersAfterWarmUp,
					MemoryBoundsIntegrationTests.traceMeters(registry), traceMetersAfterWarmUp, tagsHoldingAnId,
					properties.getId().getSources().size());
		}

	}

	/**
	 * Stdout of the application: parses each request line as it is written and keeps only
	 * counts. Without the starter the lines are Boot's plain ones and only counted.
	 */
	static final class LineSink extends OutputStream {

		private final ByteArrayOutputStream line = new ByteArrayOutputStream(1024);

		private volatile boolean json;

		final AtomicLong checked = new AtomicLong();

		final AtomicLong wrong = new AtomicLong();

		final AtomicLong missing = new AtomicLong();

		void reset(boolean json) {
			this.json = json;
			this.checked.set(0);
			this.wrong.set(0);
			this.missing.set(0);
		}

		@Override
		public synchronized void write(int b) {
			if (b == '\n') {
				check(this.line.toString(StandardCharsets.UTF_8));
				this.line.reset();
			}
			else {
				this.line.write(b);
			}
		}

		@Override
		public synchronized void write(byte[] bytes, int offset, int length) {
			int start = offset;
			for (int i = offset; i < offset + length; i++) {
				if (bytes[i] == '\n') {
					this.line.write(bytes, start, i - start);
					check(this.line.toString(StandardCharsets.UTF_8));
					this.line.reset();
					start = i + 1;
				}
			}
			this.line.write(bytes, start, offset + length - start);
		}

		private void check(String text) {
			int at = text.indexOf("mem handler ");
			if (at < 0) {
				at = text.indexOf("mem hop ");
			}
			if (at < 0) {
				return;
			}
			this.checked.incrementAndGet();
			if (!this.json) {
				return;
			}
			Map<String, Object> parsed = JsonLines.parseLine(text);
			String message = (String) parsed.get("message");
			String tag = message.substring(message.lastIndexOf(' ') + 1);
			Object traceId = parsed.get("trace_id");
			if (traceId == null) {
				this.missing.incrementAndGet();
			}
			else if (tag.startsWith("gen-") ? !((String) traceId).matches("[0-9a-f]{32}") : !tag.equals(traceId)) {
				this.wrong.incrementAndGet();
			}
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(MemoryApplication.MemController.class)
	static class MemoryApplication {

		@RestController
		static class MemController {

			private static final Logger logger = LoggerFactory.getLogger(MemController.class);

			@GetMapping("/mem")
			Mono<String> mem(@RequestParam String tag, @RequestParam(defaultValue = "false") boolean hop) {
				logger.info("mem handler {}", tag);
				Mono<String> body = Mono.just(tag);
				if (hop) {
					body = body.publishOn(Schedulers.parallel()).doOnNext((value) -> logger.info("mem hop {}", value));
				}
				return body;
			}

		}

	}

}
