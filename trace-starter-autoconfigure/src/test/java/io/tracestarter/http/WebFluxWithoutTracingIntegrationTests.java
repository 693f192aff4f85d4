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
import java.util.HashSet;
import java.util.Set;

import io.tracestarter.app.WebFluxTestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The zero-configuration WebFlux application with Micrometer Tracing absent from the
 * classpath (run by the {@code without-micrometer-tracing} Surefire execution).
 */
@SpringBootTest(classes = WebFluxTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=reactive")
@ExtendWith(OutputCaptureExtension.class)
class WebFluxWithoutTracingIntegrationTests {

	@LocalServerPort
	private int port;

	@Test
	void micrometerTracingIsReallyAbsent() {
		assertThat(ClassUtils.isPresent("io.micrometer.tracing.Tracer", null)).isFalse();
	}

	@Test
	void inboundIdReachesEveryHop(CapturedOutput output) {
		String body = WebClient.create("http://127.0.0.1:" + this.port)
			.get()
			.uri("/hops?tag=bare")
			.header("X-Trace-ID", "abc123")
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(10));
		// Without a tracer the starter sends W3C Trace Context itself: a trace id derived
		// from the id (which is not W3C-shaped), a span id per call.
		assertThat(body).matches("abc123 00-[0-9a-f]{32}-[0-9a-f]{16}-01");
		await().untilAsserted(() -> assertThat(WebFluxTraceIntegrationTests.hopLines(output, "bare")).hasSize(7)
			.allSatisfy((line) -> assertThat(line).containsEntry("trace_id", "abc123")
				.hasEntrySatisfying("span_id", (span) -> assertThat((String) span).matches("[0-9a-f]{16}"))));
	}

	@Test
	void generatedIdsAreRandomHexTheSameOnEveryHop(CapturedOutput output) {
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 20; i++) {
			String id = WebClient.create("http://127.0.0.1:" + this.port)
				.get()
				.uri("/hops?tag=gen" + i)
				.retrieve()
				.toEntity(String.class)
				.block(Duration.ofSeconds(10))
				.getHeaders()
				.getFirst("X-Trace-ID");
			assertThat(id).matches("[0-9a-f]{32}");
			ids.add(id);
			String tag = "gen" + i;
			await().untilAsserted(() -> assertThat(WebFluxTraceIntegrationTests.hopLines(output, tag)).hasSize(7)
				.allSatisfy((line) -> assertThat(line).containsEntry("trace_id", id)));
		}
		assertThat(ids).hasSize(20);
	}

}
