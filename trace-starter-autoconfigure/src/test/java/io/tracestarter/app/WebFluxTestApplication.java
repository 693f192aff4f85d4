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

import java.time.Duration;

import io.tracestarter.core.TraceContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A WebFlux application with no trace, logging or propagation setting: the starter on the
 * classpath is its only tracing setup.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(WebFluxTestApplication.HopController.class)
public class WebFluxTestApplication {

	@RestController
	static class HopController {

		private static final Logger logger = LoggerFactory.getLogger(HopController.class);

		private final WebClient.Builder webClientBuilder;

		private final WebServerApplicationContext context;

		HopController(WebClient.Builder webClientBuilder, WebServerApplicationContext context) {
			this.webClientBuilder = webClientBuilder;
			this.context = context;
		}

		@GetMapping("/hops")
		Mono<String> hops(@RequestParam(defaultValue = "x") String tag) {
			logger.info("hop handler {}", tag);
			return Mono.just(tag)
				.publishOn(Schedulers.boundedElastic())
				.doOnNext((value) -> logger.info("hop publishOn {}", value))
				.delayElement(Duration.ofMillis(2))
				.doOnNext((value) -> logger.info("hop delay {}", value))
				.flatMap((value) -> Flux.range(1, 2).flatMap((i) -> Mono.fromSupplier(() -> {
					logger.info("hop flatMap {}", value);
					return i;
				}).subscribeOn(Schedulers.parallel())).then(Mono.just(value)))
				.flatMap((value) -> this.webClientBuilder
					.baseUrl("http://127.0.0.1:" + this.context.getWebServer().getPort())
					.build()
					.get()
					.uri("/downstream?tag={tag}", value)
					.retrieve()
					.bodyToMono(String.class))
				.doOnNext((body) -> logger.info("hop answered {}", tag));
		}

		@GetMapping("/downstream")
		Mono<String> downstream(@RequestParam String tag,
				@RequestHeader(name = "X-Trace-ID", required = false) String traceId,
				@RequestHeader(name = "traceparent", required = false) String traceparent) {
			logger.info("downstream {}", tag);
			return Mono.just(traceId + " " + traceparent);
		}

		@GetMapping("/boom")
		Mono<String> boom() {
			logger.info("boom handler");
			return Mono.delay(Duration.ofMillis(1)).map((tick) -> {
				logger.info("boom before error");
				throw new IllegalStateException("boom");
			});
		}

		@GetMapping("/slow")
		Mono<String> slow() {
			logger.info("slow handler");
			return Mono.delay(Duration.ofSeconds(30))
				.map((tick) -> "late")
				.doOnCancel(() -> logger.info("slow cancelled"));
		}

		@GetMapping("/recover")
		Mono<String> recover() {
			return Mono.delay(Duration.ofMillis(1))
				.flatMap((tick) -> Mono.<String>error(new IllegalStateException("handler failed")))
				.onErrorResume((ex) -> {
					logger.info("recovered from {}", ex.getMessage());
					return Mono.just("recovered");
				});
		}

		@GetMapping("/timeout")
		Mono<String> timeout() {
			return Mono.<String>never().timeout(Duration.ofMillis(50)).onErrorResume((ex) -> {
				logger.info("timed out waiting");
				return Mono.just("timed out");
			});
		}

		// Whether the starter's own copy of the id is in the Reactor context, and the id
		// the starter's API gives, on a worker thread.
		@GetMapping("/context")
		Mono<String> context() {
			return Mono.just("context")
				.publishOn(Schedulers.boundedElastic())
				.flatMap((value) -> Mono.deferContextual((context) -> Mono
					.just(context.hasKey(TraceContext.CONTEXT_KEY) + " " + TraceContext.currentTraceId())));
		}

		@GetMapping("/plain")
		String plain() {
			logger.info("plain handler");
			return "plain";
		}

	}

}
