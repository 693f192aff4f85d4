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

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.tracestarter.JsonLines;
import io.tracestarter.PooledThreads;
import io.tracestarter.app.WebFluxTestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stdout stops taking lines (a console whose reader stalls) while requests are in flight,
 * and clients disconnect from many of them while it is blocked; then stdout drains. No
 * line may get another request's id, every exchange must end (completed or cancelled),
 * the server must still serve, and no pooled thread may keep an id. A real Netty server,
 * real client disconnects, the JSON lines as written.
 */
@SpringBootTest(classes = { WebFluxTestApplication.class, BlockedStdoutIntegrationTests.StallEndpoint.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "management.tracing.export.otlp.enabled=false",
				"management.otlp.metrics.export.enabled=false" })
@ExtendWith(OutputCaptureExtension.class)
class BlockedStdoutIntegrationTests {

	private static final int ROUNDS = 3;

	/** Per round and kind of request, before and again while stdout is blocked. */
	private static final int PER_KIND = 30;

	@LocalServerPort
	private int port;

	@Autowired
	private ReactorResourceFactory resources;

	@Test
	void blockedStdoutAndClientDisconnectsNeitherMixIdsNorHangExchanges(CapturedOutput output) throws Exception {
		Map<String, Channel> connections = new ConcurrentHashMap<>();
		// The client has event loops of its own, so it can disconnect while every server
		// thread that logs is stuck behind stdout; one connection per request.
		LoopResources clientLoops = LoopResources.create("blocked-stdout-client", 1, true);
		HttpClient http = HttpClient.create(ConnectionProvider.newConnection())
			.runOn(clientLoops)
			.doOnRequest((request, connection) -> connections
				.put(request.uri().substring(request.uri().indexOf("tag=") + 4), connection.channel()));
		WebClient client = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(http))
			.baseUrl("http://127.0.0.1:" + this.port)
			.build();
		PrintStream original = System.out;
		StallingStream stdout = new StallingStream(original);
		System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
		Requests requests = new Requests(client);
		try {
			for (int round = 0; round < ROUNDS; round++) {
				requests.fire(round, "a", PER_KIND);
				// The parked requests are mid-flight: their handlers ran and wait.
				int stalled = requests.stallCount();
				await().atMost(Duration.ofSeconds(30))
					.until(() -> JsonLines.withMessage(output, (message) -> message.startsWith("stall handler "))
						.size(), (handled) -> handled == stalled);
				stdout.shut();
				requests.fire(round, "b", PER_KIND);
				await().atMost(Duration.ofSeconds(30)).until(stdout::waiting, (waiting) -> waiting > 0);
				await().atMost(Duration.ofSeconds(30))
					.untilAsserted(() -> assertThat(connections).containsKeys(requests.ids()));
				// Every dropped request's connection is closed while stdout is still
				// blocked.
				List<String> dropped = requests.dropParkedAndHalfOfTheRest();
				await().atMost(Duration.ofSeconds(30))
					.untilAsserted(() -> assertThat(dropped)
						.allSatisfy((id) -> assertThat(connections.get(id).isOpen()).as(id).isFalse()));
				assertThat(stdout.waiting()).as("stdout still blocked while clients disconnected").isPositive();
				stdout.open();
				await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> requests.assertAnsweredOrDropped());
			}
			// Every exchange the server saw ended once, and each parked handler saw its
			// cancel.
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				Map<String, Long> ended = endedExchanges(output);
				for (String id : tagged(output).keySet()) {
					assertThat(ended.get((id.contains("-s") ? "/stall " : "/hops ") + id)).as(id).isEqualTo(1);
				}
				assertThat(ended.values()).allMatch((count) -> count == 1);
				Set<String> parked = messages(output, "stall handler ");
				assertThat(messages(output, "stall cancelled ")).isEqualTo(parked);
			});
			// Still serving, with the right id.
			String body = client.get()
				.uri("/hops?tag=after-blocked-stdout")
				.header("X-Trace-ID", "after-blocked-stdout")
				.retrieve()
				.bodyToMono(String.class)
				.block(Duration.ofSeconds(10));
			assertThat(body).startsWith("after-blocked-stdout ");
		}
		finally {
			stdout.open();
			System.setOut(original);
			clientLoops.disposeLater().block(Duration.ofSeconds(10));
		}
		EventLoopGroup serverLoops = this.resources.getLoopResources().onServer(LoopResources.DEFAULT_NATIVE);
		PooledThreads.assertHoldNoId(output, "after-blocked-stdout", serverLoops);

		long checked = 0;
		long wrong = 0;
		long missing = 0;
		for (Map.Entry<String, List<Map<String, Object>>> entry : tagged(output).entrySet()) {
			for (Map<String, Object> line : entry.getValue()) {
				checked++;
				Object actual = line.get("trace_id");
				if (actual == null) {
					missing++;
				}
				else if (!entry.getKey().equals(actual)) {
					wrong++;
				}
			}
		}
		System.out.printf("blocked stdout: %d requests (%d dropped by the client while stdout was blocked),"
				+ " %d lines checked, %d with a wrong id, %d without an id; %d exchanges ended, %d parked handlers"
				+ " cancelled%n", requests.fired(), requests.dropped(), checked, wrong, missing,
				endedExchanges(output).size(), messages(output, "stall cancelled ").size());
		// At least the seven lines of each answered /hops request (two waves per round).
		assertThat(checked).isGreaterThanOrEqualTo(2L * ROUNDS * PER_KIND * 7);
		assertThat(wrong).isZero();
		assertThat(missing).isZero();
	}

	/**
	 * The lines that name one of this test's requests, by the request's id: the last word
	 * ({@code hop handler bs1a-d7}), or the fourth of {@code exchange ended /hops bs1a-d7
	 * cancel}.
	 */
	private static Map<String, List<Map<String, Object>>> tagged(CapturedOutput output) {
		Map<String, List<Map<String, Object>>> byId = new HashMap<>();
		for (Map<String, Object> line : JsonLines.parse(output)) {
			String message = String.valueOf(line.get("message"));
			String[] words = message.split(" ");
			String id = words[words.length - 1];
			if (message.startsWith("exchange ended ")) {
				id = words[3];
			}
			if (id.startsWith("bs")) {
				byId.computeIfAbsent(id, (key) -> new ArrayList<>()).add(line);
			}
		}
		return byId;
	}

	private static Map<String, Long> endedExchanges(CapturedOutput output) {
		// By path and id: a /hops request's outbound call ends a /downstream exchange
		// too.
		return JsonLines.withMessage(output, (message) -> message.startsWith("exchange ended "))
			.stream()
			.map((line) -> ((String) line.get("message")).split(" "))
			.filter((words) -> words[3].startsWith("bs"))
			.collect(Collectors.groupingBy((words) -> words[2] + " " + words[3], Collectors.counting()));
	}

	private static Set<String> messages(CapturedOutput output, String prefix) {
		return JsonLines.withMessage(output, (message) -> message.startsWith(prefix + "bs"))
			.stream()
			.map((line) -> ((String) line.get("message")).substring(prefix.length()))
			.collect(Collectors.toSet());
	}

	/**
	 * The requests of the test: parked ones ({@code /stall}, answered only by a
	 * disconnect) and ones that cross Reactor schedulers, a timer and an outbound call
	 * ({@code /hops}); half of the latter are dropped by the client.
	 */
	private static final class Requests {

		private final WebClient client;

		private final Map<String, Disposable> toDrop = new ConcurrentHashMap<>();

		private final Map<String, Disposable> toAnswer = new ConcurrentHashMap<>();

		private final Map<String, String> answers = new ConcurrentHashMap<>();

		private final Map<String, Throwable> failures = new ConcurrentHashMap<>();

		private final Set<String> stalls = ConcurrentHashMap.newKeySet();

		private int fired;

		private int dropped;

		Requests(WebClient client) {
			this.client = client;
		}

		void fire(int round, String wave, int perKind) {
			for (int i = 0; i < perKind; i++) {
				String stall = "bs" + round + wave + "-s" + i;
				this.stalls.add(stall);
				this.toDrop.put(stall, call("/stall", stall));
				String drop = "bs" + round + wave + "-d" + i;
				this.toDrop.put(drop, call("/hops", drop));
				String answer = "bs" + round + wave + "-a" + i;
				this.toAnswer.put(answer, call("/hops", answer));
				this.fired += 3;
			}
		}

		private Disposable call(String path, String id) {
			return this.client.get()
				.uri(path + "?tag={id}", id)
				.header("X-Trace-ID", id)
				.retrieve()
				.bodyToMono(String.class)
				.subscribe((body) -> this.answers.put(id, body), (ex) -> this.failures.put(id, ex));
		}

		int stallCount() {
			return this.stalls.size();
		}

		String[] ids() {
			List<String> ids = new ArrayList<>(this.toDrop.keySet());
			ids.addAll(this.toAnswer.keySet());
			return ids.toArray(String[]::new);
		}

		/**
		 * Disconnects every request still in flight among the parked and half of the
		 * rest.
		 */
		List<String> dropParkedAndHalfOfTheRest() {
			List<String> dropped = new ArrayList<>();
			this.toDrop.forEach((id, request) -> {
				if (!request.isDisposed()) {
					request.dispose();
					dropped.add(id);
				}
			});
			this.toDrop.clear();
			this.dropped += dropped.size();
			return dropped;
		}

		void assertAnsweredOrDropped() {
			assertThat(this.failures).isEmpty();
			assertThat(this.answers.keySet()).containsAll(this.toAnswer.keySet());
			this.toAnswer.keySet().forEach((id) -> assertThat(this.answers.get(id)).startsWith(id + " "));
		}

		int fired() {
			return this.fired;
		}

		int dropped() {
			return this.dropped;
		}

	}

	/**
	 * System.out standing in for a console whose reader stalls: while shut, every write
	 * waits (so Logback's console appender, and every thread that logs, waits too).
	 */
	static final class StallingStream extends OutputStream {

		private final OutputStream target;

		private final AtomicInteger waiting = new AtomicInteger();

		private volatile CountDownLatch gate = new CountDownLatch(0);

		StallingStream(OutputStream target) {
			this.target = target;
		}

		void shut() {
			this.gate = new CountDownLatch(1);
		}

		void open() {
			this.gate.countDown();
		}

		int waiting() {
			return this.waiting.get();
		}

		@Override
		public void write(int b) throws IOException {
			pass();
			this.target.write(b);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			pass();
			this.target.write(bytes, offset, length);
		}

		@Override
		public void flush() throws IOException {
			this.target.flush();
		}

		private void pass() throws IOException {
			CountDownLatch current = this.gate;
			if (current.getCount() == 0) {
				return;
			}
			this.waiting.incrementAndGet();
			try {
				// Bounded, so a failing test cannot leave the JVM stuck.
				if (!current.await(2, TimeUnit.MINUTES)) {
					throw new IOException("stdout was never opened again");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new InterruptedIOException();
			}
			finally {
				this.waiting.decrementAndGet();
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class StallEndpoint {

		private static final Logger logger = LoggerFactory.getLogger(StallEndpoint.class);

		/** Says how each exchange ended; it runs inside the starter's filter. */
		@Bean
		WebFilter exchangeEndLogger() {
			return new OrderedEndLogger();
		}

		static final class OrderedEndLogger implements WebFilter, Ordered {

			@Override
			public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
				String path = exchange.getRequest().getPath().value();
				String tag = exchange.getRequest().getQueryParams().getFirst("tag");
				return chain.filter(exchange)
					.doFinally((signal) -> logger.info("exchange ended {} {} {}", path, tag, signal));
			}

			@Override
			public int getOrder() {
				return 0;
			}

		}

		/** A member class of the configuration, so registered with it. */
		@RestController
		static class StallController {

			/** Parks until the client goes away. */
			@GetMapping("/stall")
			Mono<String> stall(@RequestParam String tag) {
				logger.info("stall handler {}", tag);
				return Mono.<String>never().doOnCancel(() -> logger.info("stall cancelled {}", tag));
			}

		}

	}

}
