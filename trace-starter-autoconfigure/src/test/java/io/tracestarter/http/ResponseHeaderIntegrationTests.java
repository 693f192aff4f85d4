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

import io.tracestarter.JsonLines;
import io.tracestarter.app.MvcTestApplication;
import io.tracestarter.app.WebFluxTestApplication;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code trace.http.response-header} and {@code trace.http.header-name} as a client sees
 * them, over real HTTP to a real server on a random port: {@code never} echoes no id on
 * either stack while the request's lines still carry it; another header name echoes the
 * inbound id under that name only.
 */
@ExtendWith(OutputCaptureExtension.class)
class ResponseHeaderIntegrationTests {

	private static ResponseEntity<Void> webFluxGet(int port, String path, String traceId) {
		return WebClient.create("http://127.0.0.1:" + port)
			.get()
			.uri(path)
			.header("X-Trace-ID", traceId)
			.retrieve()
			.toBodilessEntity()
			.block(Duration.ofSeconds(10));
	}

	@Nested
	@SpringBootTest(classes = WebFluxTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "spring.main.web-application-type=reactive", "trace.http.response-header=never",
					"management.tracing.export.otlp.enabled=false", "management.otlp.metrics.export.enabled=false" })
	class NeverOnWebFlux {

		@LocalServerPort
		private int port;

		@Test
		void noResponseCarriesTheIdButTheLinesDo(CapturedOutput output) {
			ResponseEntity<Void> inbound = webFluxGet(this.port, "/plain", "never-flux-1");
			assertThat(inbound.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(inbound.getHeaders().getFirst("X-Trace-ID")).isNull();
			ResponseEntity<Void> generated = WebClient.create("http://127.0.0.1:" + this.port)
				.get()
				.uri("/plain")
				.retrieve()
				.toBodilessEntity()
				.block(Duration.ofSeconds(10));
			assertThat(generated.getHeaders().getFirst("X-Trace-ID")).isNull();
			await().untilAsserted(() -> assertThat(JsonLines.withMessage(output, "plain handler"::equals)).hasSize(2)
				.anySatisfy((line) -> assertThat(line).containsEntry("trace_id", "never-flux-1"))
				.allSatisfy((line) -> assertThat(line).containsKey("trace_id")));
		}

	}

	@Nested
	@SpringBootTest(classes = WebFluxTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "spring.main.web-application-type=reactive", "trace.http.header-name=X-Request-Trace",
					"management.tracing.export.otlp.enabled=false", "management.otlp.metrics.export.enabled=false" })
	class OtherHeaderNameOnWebFlux {

		@LocalServerPort
		private int port;

		@Test
		void theIdIsEchoedUnderThatNameOnly() {
			ResponseEntity<Void> response = WebClient.create("http://127.0.0.1:" + this.port)
				.get()
				.uri("/plain")
				.header("X-Trace-ID", "renamed-1")
				.retrieve()
				.toBodilessEntity()
				.block(Duration.ofSeconds(10));
			HttpHeaders headers = response.getHeaders();
			assertThat(headers.getFirst("X-Request-Trace")).isEqualTo("renamed-1");
			assertThat(headers.getFirst("X-Trace-ID")).isNull();
		}

	}

	@Nested
	@SpringBootTest(classes = MvcTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "spring.main.web-application-type=servlet", "trace.http.response-header=never",
					"management.tracing.export.otlp.enabled=false", "management.otlp.metrics.export.enabled=false" })
	class NeverOnMvc {

		@LocalServerPort
		private int port;

		@Test
		void noResponseCarriesTheIdButTheLinesDo(CapturedOutput output) {
			RestClient client = RestClient.create("http://127.0.0.1:" + this.port);
			ResponseEntity<String> inbound = client.get()
				.uri("/mvc/hello?tag=never-mvc")
				.header("X-Trace-ID", "never-mvc-1")
				.retrieve()
				.toEntity(String.class);
			assertThat(inbound.getBody()).isEqualTo("hello never-mvc");
			assertThat(inbound.getHeaders().getFirst("X-Trace-ID")).isNull();
			ResponseEntity<String> generated = client.get()
				.uri("/mvc/hello?tag=never-mvc-generated")
				.retrieve()
				.toEntity(String.class);
			assertThat(generated.getHeaders().getFirst("X-Trace-ID")).isNull();
			await().untilAsserted(() -> {
				assertThat(JsonLines.withMessage(output, "mvc handler never-mvc"::equals)).singleElement()
					.satisfies((line) -> assertThat(line).containsEntry("trace_id", "never-mvc-1"));
				assertThat(JsonLines.withMessage(output, "mvc handler never-mvc-generated"::equals)).singleElement()
					.satisfies((line) -> assertThat((String) line.get("trace_id")).matches("[0-9a-f]{32}"));
			});
		}

	}

}
