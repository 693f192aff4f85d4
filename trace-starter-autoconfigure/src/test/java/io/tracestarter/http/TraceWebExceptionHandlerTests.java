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
import java.util.ArrayList;
import java.util.List;

import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The wrapper that runs a WebFlux exception handler under the exchange's id: the handler
 * sees the id on its thread while it builds its answer and in the Reactor context while
 * the answer runs; the calling thread gets its own id back; an exchange the filter never
 * saw is passed through untouched.
 */
class TraceWebExceptionHandlerTests {

	private final List<String> seen = new ArrayList<>();

	@AfterEach
	void noIdLeftOnTheTestThread() {
		assertThat(TraceContext.currentTraceId()).isNull();
		assertThat(MDC.get(TraceContext.MDC_KEY)).isNull();
	}

	@Test
	void wrappingIsDoneOnce() {
		WebExceptionHandler handler = (exchange, ex) -> Mono.empty();
		WebExceptionHandler wrapped = TraceWebExceptionHandler.wrap(handler);
		assertThat(wrapped).isInstanceOf(TraceWebExceptionHandler.class).isNotSameAs(handler);
		assertThat(TraceWebExceptionHandler.wrap(wrapped)).isSameAs(wrapped);
	}

	@Test
	void theHandlerRunsUnderTheExchangesIdOnItsThreadAndInTheReactorContext() {
		WebExceptionHandler handler = TraceWebExceptionHandler.wrap((exchange, ex) -> {
			this.seen.add("assembly " + TraceContext.currentTraceId() + " " + MDC.get(TraceContext.MDC_KEY));
			return Mono.deferContextual((context) -> {
				this.seen.add("context " + context.getOrDefault(TraceContext.CONTEXT_KEY, "none"));
				return Mono.empty();
			});
		});
		Mono<Void> result = handler.handle(exchange("exchange-1"), new IllegalStateException("boom"));
		assertThat(TraceContext.currentTraceId()).isNull();
		result.block(Duration.ofSeconds(10));
		assertThat(this.seen).containsExactly("assembly exchange-1 exchange-1", "context exchange-1");
	}

	@Test
	void theCallersIdComesBack() {
		WebExceptionHandler handler = TraceWebExceptionHandler.wrap((exchange, ex) -> {
			this.seen.add(TraceContext.currentTraceId());
			return Mono.empty();
		});
		try (TraceScope scope = TraceContext.open("caller")) {
			handler.handle(exchange("exchange-2"), new IllegalStateException("boom")).block(Duration.ofSeconds(10));
			assertThat(TraceContext.currentTraceId()).isEqualTo("caller");
			assertThat(MDC.get(TraceContext.MDC_KEY)).isEqualTo("caller");
		}
		assertThat(this.seen).containsExactly("exchange-2");
	}

	@Test
	void aHandlerThatThrowsStillRestoresTheThread() {
		WebExceptionHandler handler = TraceWebExceptionHandler.wrap((exchange, ex) -> {
			throw new IllegalStateException("handler failed");
		});
		assertThatIllegalStateException()
			.isThrownBy(() -> handler.handle(exchange("exchange-3"), new IllegalStateException("boom")))
			.withMessage("handler failed");
	}

	@Test
	void anExchangeWithoutAnIdIsHandedOverAsItIs() {
		Mono<Void> answer = Mono.deferContextual((context) -> {
			this.seen.add("context " + context.getOrDefault(TraceContext.CONTEXT_KEY, "none"));
			return Mono.empty();
		});
		Throwable failure = new IllegalStateException("boom");
		List<Throwable> handed = new ArrayList<>();
		WebExceptionHandler handler = TraceWebExceptionHandler.wrap((exchange, ex) -> {
			handed.add(ex);
			this.seen.add("assembly " + TraceContext.currentTraceId());
			return answer;
		});
		ServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));
		Mono<Void> result = handler.handle(exchange, failure);
		assertThat(result).isSameAs(answer);
		result.block(Duration.ofSeconds(10));
		assertThat(handed).containsExactly(failure);
		assertThat(this.seen).containsExactly("assembly null", "context none");
	}

	@Test
	void theFailureReachesTheDelegate() {
		Throwable failure = new IllegalStateException("boom");
		List<Throwable> handed = new ArrayList<>();
		WebExceptionHandler handler = TraceWebExceptionHandler.wrap((exchange, ex) -> {
			handed.add(ex);
			return Mono.error(ex);
		});
		assertThatIllegalStateException()
			.isThrownBy(() -> handler.handle(exchange("exchange-4"), failure).block(Duration.ofSeconds(10)))
			.isSameAs(failure);
		assertThat(handed).containsExactly(failure);
	}

	private static ServerWebExchange exchange(String traceId) {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/boom"));
		exchange.getAttributes().put(TraceWebFilter.TRACE_ID_ATTRIBUTE, traceId);
		return exchange;
	}

}
