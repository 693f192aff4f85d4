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

package io.tracestarter.app;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A WebFlux application with no trace, logging or propagation setting that answers the
 * callback protocol of the W3C trace-context test harness: {@code POST /w3c/test} with a
 * JSON array of {@code {"url": ..., "arguments": [...]}} makes, for each element in turn,
 * a {@code POST} to its {@code url} with its {@code arguments} as the body, through a
 * Boot-built {@code WebClient} ({@code RestClient} at {@code /w3c/test-mvc} on a servlet
 * server). {@code POST /w3c/harness/{key}} is a harness of its own for the project's
 * tests: it keeps the headers each call brought.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ W3cTestApplication.CallbackController.class, W3cTestApplication.BlockingCallbackController.class,
		W3cTestApplication.HarnessController.class })
public class W3cTestApplication {

	/**
	 * Run the application by hand, for the W3C test suite.
	 * @param args the arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(W3cTestApplication.class, args);
	}

	/** Headers each harness call brought, by key. */
	public static final Map<String, HttpHeaders> RECEIVED = new ConcurrentHashMap<>();

	@RestController
	static class CallbackController {

		private static final Logger logger = LoggerFactory.getLogger(CallbackController.class);

		private final WebClient webClient;

		CallbackController(WebClient.Builder webClientBuilder) {
			this.webClient = webClientBuilder.build();
		}

		@PostMapping(path = "/w3c/test", consumes = MediaType.APPLICATION_JSON_VALUE)
		Mono<String> test(@RequestBody List<Map<String, Object>> calls) {
			logger.info("w3c test calls {}", calls.size());
			return Flux.fromIterable(calls)
				.concatMap((call) -> this.webClient.post()
					.uri((String) call.get("url"))
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(call.getOrDefault("arguments", List.of()))
					.retrieve()
					.toBodilessEntity())
				.then(Mono.just("done"));
		}

	}

	/**
	 * The same protocol on a servlet server, through a Boot-built {@code RestClient}, at
	 * {@code POST /w3c/test-mvc}.
	 */
	@RestController
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static class BlockingCallbackController {

		private static final Logger logger = LoggerFactory.getLogger(BlockingCallbackController.class);

		private final RestClient restClient;

		BlockingCallbackController(RestClient.Builder restClientBuilder) {
			this.restClient = restClientBuilder.build();
		}

		@PostMapping(path = "/w3c/test-mvc", consumes = MediaType.APPLICATION_JSON_VALUE)
		String test(@RequestBody List<Map<String, Object>> calls) {
			logger.info("w3c test calls {}", calls.size());
			for (Map<String, Object> call : calls) {
				this.restClient.post()
					.uri((String) call.get("url"))
					.contentType(MediaType.APPLICATION_JSON)
					.body(call.getOrDefault("arguments", List.of()))
					.retrieve()
					.toBodilessEntity();
			}
			return "done";
		}

	}

	@RestController
	static class HarnessController {

		@PostMapping("/w3c/harness/{key}")
		String harness(@PathVariable String key, @RequestHeader HttpHeaders headers) {
			RECEIVED.put(key, HttpHeaders.copyOf(headers));
			return "ok";
		}

	}

}
