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
