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

import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A WebFlux application whose request crosses HTTP, Reactor and {@code @Async}, and one
 * endpoint that loses the context on purpose with a raw thread.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableAsync
@Import({ DiagnosticsTestApplication.DiagnosticsController.class, DiagnosticsTestApplication.Worker.class })
public class DiagnosticsTestApplication {

	static final Logger logger = LoggerFactory.getLogger(DiagnosticsTestApplication.class);

	@Component
	static class Worker {

		@Async
		CompletableFuture<String> work(String tag) {
			logger.info("async work {}", tag);
			return CompletableFuture.completedFuture(tag);
		}

	}

	@RestController
	static class DiagnosticsController {

		private final Worker worker;

		private final WebClient.Builder webClientBuilder;

		private final WebServerApplicationContext context;

		DiagnosticsController(Worker worker, WebClient.Builder webClientBuilder, WebServerApplicationContext context) {
			this.worker = worker;
			this.webClientBuilder = webClientBuilder;
			this.context = context;
		}

		@GetMapping("/diag/hops")
		Mono<String> hops(@RequestParam String tag) {
			logger.info("handler {}", tag);
			return Mono.just(tag)
				.publishOn(Schedulers.boundedElastic())
				.doOnNext((value) -> logger.info("after publishOn {}", value))
				.flatMap((value) -> Mono.fromFuture(this.worker.work(value)))
				.flatMap((value) -> this.webClientBuilder
					.baseUrl("http://127.0.0.1:" + this.context.getWebServer().getPort())
					.build()
					.get()
					.uri("/diag/downstream")
					.retrieve()
					.bodyToMono(String.class));
		}

		@GetMapping("/diag/downstream")
		String downstream() {
			logger.info("downstream");
			return "ok";
		}

		@GetMapping("/diag/broken")
		String broken(@RequestParam int n) throws InterruptedException {
			Thread raw = new Thread(() -> logger.info("lost context in a raw thread"), "raw-worker-" + n);
			raw.start();
			raw.join();
			return "broken";
		}

	}

}
