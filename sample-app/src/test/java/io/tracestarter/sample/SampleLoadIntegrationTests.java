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

package io.tracestarter.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.tracestarter.core.TraceContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Load across every layer: 10,000 requests with distinct ids, 64 in flight, each crossing
 * HTTP, Reactor, {@code @Async}, gRPC, a Kafka send, a record listener, a batch listener
 * and an outbound HTTP call. Every hop line must carry its own request's id, and no pool
 * thread may hold an id afterwards.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "spring.grpc.server.port=0")
@ExtendWith(OutputCaptureExtension.class)
class SampleLoadIntegrationTests {

	private static final int REQUESTS = 10_000;

	@LocalServerPort
	private int port;

	@Autowired
	@Qualifier("applicationTaskExecutor")
	private ThreadPoolTaskExecutor taskExecutor;

	@Test
	void tenThousandRequestsAcrossEveryLayerNeverLoseOrMixAnId(CapturedOutput output) throws Exception {
		WebClient client = WebClient.create("http://127.0.0.1:" + this.port);
		Flux.range(0, REQUESTS)
			.flatMap((i) -> client.get()
				.uri("/orders?item=load-{i}", i)
				.header("X-Trace-ID", "load-" + i)
				.retrieve()
				.toBodilessEntity(), 64)
			.blockLast(Duration.ofMinutes(3));
		await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> {
			String out = output.getOut();
			return count(out, "shipping booked for reservation-load-") == REQUESTS
					&& count(out, "batch listener got reservation-load-") == REQUESTS;
		});
		long checked = 0;
		long wrong = 0;
		long missing = 0;
		for (Map<String, Object> line : SampleApplicationTests.jsonLines(output)) {
			if (!line.containsKey("hop")) {
				continue;
			}
			String message = (String) line.get("message");
			int at = message.indexOf("load-");
			if (at < 0) {
				continue;
			}
			String expected = message.substring(at).replaceAll("[^a-z0-9-].*$", "");
			checked++;
			Object actual = line.get("trace_id");
			if (actual == null) {
				missing++;
			}
			else if (!expected.equals(actual)) {
				wrong++;
			}
		}
		System.out.printf("load: %d hop lines checked, %d with a wrong id, %d without an id%n", checked, wrong,
				missing);
		assertThat(checked).isEqualTo(REQUESTS * (long) Demo.HOPS);
		assertThat(wrong).isZero();
		assertThat(missing).isZero();
		assertThat(threadsHoldingAnId()).isZero();
	}

	private long threadsHoldingAnId() throws Exception {
		long holding = 0;
		for (Scheduler scheduler : List.of(Schedulers.boundedElastic(), Schedulers.parallel())) {
			holding += Flux.range(0, 256)
				.parallel(16)
				.runOn(scheduler)
				.filter((i) -> TraceContext.currentTraceId() != null)
				.sequential()
				.count()
				.block(Duration.ofSeconds(30));
		}
		// Boot's task executor, straight on its JDK pool, bypassing every decorator.
		ThreadPoolExecutor raw = this.taskExecutor.getThreadPoolExecutor();
		int threads = raw.getPoolSize();
		CountDownLatch allStarted = new CountDownLatch(threads);
		List<Future<Boolean>> probes = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			probes.add(raw.submit(() -> {
				allStarted.countDown();
				allStarted.await(10, TimeUnit.SECONDS);
				return TraceContext.currentTraceId() != null;
			}));
		}
		for (Future<Boolean> probe : probes) {
			if (probe.get(30, TimeUnit.SECONDS)) {
				holding++;
			}
		}
		return holding;
	}

	private static int count(String text, String needle) {
		int count = 0;
		for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
			count++;
		}
		return count;
	}

}
