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

package io.tracestarter.benchmarks.endtoend.app;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * One request writes three log lines on three threads: the event loop, a bounded-elastic
 * worker and the parallel scheduler that runs the timer.
 */
@RestController
class WorkController {

	/** Every request line's message starts with this, so the driver can find them. */
	static final String MARKER = "e2e ";

	private static final Logger logger = LoggerFactory.getLogger(WorkController.class);

	@GetMapping("/work")
	Mono<String> work() {
		logger.info(MARKER + "request received");
		return Mono.just("ok").publishOn(Schedulers.boundedElastic()).map((body) -> {
			logger.info(MARKER + "prepared on a worker");
			return body;
		}).delayUntil((body) -> Mono.delay(Duration.ZERO)).map((body) -> {
			logger.info(MARKER + "answered after a timer");
			return body;
		});
	}

}
