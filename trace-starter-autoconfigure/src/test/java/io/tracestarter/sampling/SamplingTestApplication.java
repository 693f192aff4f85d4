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

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A WebFlux application whose handlers log on the request thread and after a scheduler
 * hop, at INFO and at DEBUG (below the default level), and end well, with a 5xx, or by
 * throwing.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(SamplingTestApplication.Handlers.class)
class SamplingTestApplication {

	@RestController
	static class Handlers {

		private static final Logger logger = LoggerFactory.getLogger(Handlers.class);

		private static final Logger noisy = LoggerFactory.getLogger("sampling.noisy");

		@GetMapping({ "/quiet/ok", "/tenth/ok", "/open/ok" })
		Mono<String> ok(@RequestParam String tag) {
			logger.info("{} step 1", tag);
			noisy.info("{} noisy", tag);
			logger.debug("{} debug", tag);
			return Mono.just(tag).publishOn(Schedulers.boundedElastic()).map((value) -> {
				logger.info("{} step 2", value);
				return value;
			});
		}

		@GetMapping("/quiet/throw")
		Mono<String> fail(@RequestParam String tag) {
			logger.info("{} step 1", tag);
			logger.atDebug().addKeyValue("order", 7).log("{} debug", tag);
			return Mono.just(tag).publishOn(Schedulers.boundedElastic()).map((value) -> {
				logger.info("{} step 2", value);
				throw new IllegalStateException(value + " failed");
			});
		}

		@GetMapping("/quiet/status")
		Mono<ResponseEntity<String>> status(@RequestParam String tag) {
			logger.info("{} step 1", tag);
			return Mono.delay(Duration.ofMillis(1)).map((tick) -> {
				logger.info("{} step 2", tag);
				return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(tag);
			});
		}

		@GetMapping("/quiet/long")
		Mono<String> longFailure(@RequestParam String tag, @RequestParam int lines) {
			for (int i = 0; i < lines; i++) {
				logger.info("{} line {}", tag, i);
			}
			return Mono.error(new IllegalStateException(tag + " failed"));
		}

		@GetMapping("/quiet/warn")
		Mono<String> warn(@RequestParam String tag) {
			logger.info("{} step 1", tag);
			logger.warn("{} warning", tag);
			return Mono.just(tag);
		}

	}

}
