package io.tracestarter.sample;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * One request that hops threads the ways a WebFlux service does, logging on each hop,
 * then calls the service's own downstream endpoint with a Boot-built WebClient.
 */
@RestController
class HopController {

	private static final Logger logger = LoggerFactory.getLogger(HopController.class);

	private final WebClient.Builder webClientBuilder;

	private final WebServerApplicationContext context;

	HopController(WebClient.Builder webClientBuilder, WebServerApplicationContext context) {
		this.webClientBuilder = webClientBuilder;
		this.context = context;
	}

	@GetMapping("/hops")
	Mono<String> hops() {
		logger.info("handler");
		return Mono.just("start")
			.publishOn(Schedulers.boundedElastic())
			.doOnNext((value) -> logger.info("after publishOn"))
			.delayElement(Duration.ofMillis(5))
			.doOnNext((value) -> logger.info("after delay"))
			.flatMap((value) -> Flux.range(1, 2).flatMap((i) -> Mono.fromSupplier(() -> {
				logger.info("inside flatMap {}", i);
				return i;
			}).subscribeOn(Schedulers.parallel())).then(Mono.just(value)))
			.flatMap((value) -> this.webClientBuilder.baseUrl("http://127.0.0.1:" + this.context.getWebServer().getPort())
				.build()
				.get()
				.uri("/downstream")
				.retrieve()
				.bodyToMono(String.class))
			.doOnNext((body) -> logger.info("downstream answered {}", body));
	}

	@GetMapping("/downstream")
	Mono<String> downstream(@RequestHeader(name = "X-Trace-ID", required = false) String traceId) {
		logger.info("downstream received X-Trace-ID {}", traceId);
		return Mono.just("ok");
	}

}
