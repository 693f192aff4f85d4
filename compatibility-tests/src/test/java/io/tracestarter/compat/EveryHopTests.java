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

package io.tracestarter.compat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * What must hold on every app shape: the inbound id on every hop of {@code /hops}, the
 * response header, a generated id for requests that bring none, and no id left on pooled
 * threads. Subclasses name the shape, run on their own classpath (a Surefire execution of
 * this module), and check that the classpath really is that shape.
 */
@SpringBootTest(classes = CompatibilityApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(topics = "hops", partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@ExtendWith(OutputCaptureExtension.class)
abstract class EveryHopTests {

	static final int CONCURRENT_REQUESTS = 40;

	private static final Logger logger = LoggerFactory.getLogger("probe");

	@Autowired
	WebServerApplicationContext context;

	/**
	 * The simple name of the web server class the shape must run on.
	 * @return the class name
	 */
	abstract String webServer();

	/**
	 * Class names the shape's classpath must not hold.
	 * @return the class names
	 */
	abstract List<String> absentClasses();

	RestClient client() {
		return RestClient.builder().baseUrl("http://127.0.0.1:" + this.context.getWebServer().getPort()).build();
	}

	@Test
	void runsOnTheExpectedServerAndClasspath() {
		String bootLine = System.getProperty("compat.boot-line");
		assertThat(bootLine).as("system property compat.boot-line set by the module's build").isNotNull();
		assertThat(SpringBootVersion.getVersion()).startsWith(bootLine + ".");
		assertThat(this.context.getWebServer().getClass().getSimpleName()).isEqualTo(webServer());
		for (String name : absentClasses()) {
			assertThatExceptionOfType(ClassNotFoundException.class).as("%s must not be on this classpath", name)
				.isThrownBy(() -> Class.forName(name, false, getClass().getClassLoader()));
		}
	}

	@Test
	void everyHopCarriesTheInboundIdAndTheResponseEchoesIt(CapturedOutput output) throws Exception {
		ExecutorService callers = Executors.newFixedThreadPool(8);
		try {
			List<CompletableFuture<ResponseEntity<String>>> calls = new ArrayList<>();
			for (int i = 0; i < CONCURRENT_REQUESTS; i++) {
				String id = shape() + "-id-" + i;
				String tag = shape() + "-tag-" + i;
				calls.add(CompletableFuture.supplyAsync(() -> client().get()
					.uri("/hops?tag={tag}", tag)
					.header("X-Trace-ID", id)
					.retrieve()
					.toEntity(String.class), callers));
			}
			for (int i = 0; i < CONCURRENT_REQUESTS; i++) {
				ResponseEntity<String> response = calls.get(i).get();
				assertThat(response.getBody()).isEqualTo(shape() + "-tag-" + i);
				assertThat(response.getHeaders().getFirst("X-Trace-ID")).isEqualTo(shape() + "-id-" + i);
			}
		}
		finally {
			callers.shutdownNow();
		}
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			for (int i = 0; i < CONCURRENT_REQUESTS; i++) {
				assertEveryHop(output.getOut(), shape() + "-tag-" + i, shape() + "-id-" + i);
			}
		});
	}

	@Test
	void requestsWithoutAnIdGetTheirOwnOnEveryHop(CapturedOutput output) {
		for (int i = 0; i < 10; i++) {
			String tag = shape() + "-fresh-" + i;
			ResponseEntity<String> response = client().get()
				.uri("/hops?tag={tag}", tag)
				.retrieve()
				.toEntity(String.class);
			String id = response.getHeaders().getFirst("X-Trace-ID");
			assertThat(id).matches("[0-9a-f]{32}");
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEveryHop(output.getOut(), tag, id));
		}
	}

	@Test
	void pooledReactorThreadsKeepNoIdAfterRequests(CapturedOutput output) {
		String probe = shape() + "-probe";
		for (int i = 0; i < 5; i++) {
			client().get()
				.uri("/hops?tag={tag}", shape() + "-before-probe-" + i)
				.header("X-Trace-ID", "probe-" + i)
				.retrieve()
				.toBodilessEntity();
		}
		for (Scheduler scheduler : List.of(Schedulers.boundedElastic(), Schedulers.parallel())) {
			Flux.range(0, 64)
				.parallel(8)
				.runOn(scheduler)
				.doOnNext((i) -> logger.info(probe))
				.sequential()
				.then()
				.block(Duration.ofSeconds(10));
		}
		List<Map<String, Object>> lines = JsonLines.parse(output.getOut())
			.stream()
			.filter((line) -> probe.equals(line.get("message")))
			.toList();
		assertThat(lines).hasSize(128)
			.allSatisfy((line) -> assertThat(line).doesNotContainKey("trace_id").containsKey("trace_id_fallback"));
	}

	String shape() {
		return getClass().getSimpleName().replace("Tests", "").toLowerCase(java.util.Locale.ROOT);
	}

	static void assertEveryHop(String out, String tag, String id) {
		List<Map<String, Object>> lines = JsonLines.hops(out, tag);
		assertThat(lines).extracting((line) -> line.get("hop"))
			.as("hops of %s", tag)
			.containsExactlyInAnyOrderElementsOf(Arrays.stream(Hop.values()).map(Hop::layer).toList());
		assertThat(lines).allSatisfy((line) -> assertThat(line).as("line of %s", tag).containsEntry("trace_id", id));
	}

}
