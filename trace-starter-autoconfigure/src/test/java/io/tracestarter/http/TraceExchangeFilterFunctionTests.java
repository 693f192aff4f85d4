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

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.tracestarter.core.Layer;
import io.tracestarter.core.RecordingHops;
import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceMetrics;
import io.tracestarter.core.TraceScope;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code WebClient} filter sends the id of the Reactor context, or else of the
 * thread, never over one the caller set.
 */
class TraceExchangeFilterFunctionTests {

	private final TraceMetrics metrics = new TraceMetrics();

	private final RecordingHops hops = new RecordingHops();

	private final TraceExchangeFilterFunction filter = new TraceExchangeFilterFunction("X-Trace-ID", this.metrics,
			this.hops);

	private final AtomicReference<ClientRequest> sent = new AtomicReference<>();

	private final ExchangeFunction exchange = (request) -> {
		this.sent.set(request);
		return Mono.just(ClientResponse.create(HttpStatus.OK).build());
	};

	@Test
	void theIdOfTheReactorContextIsSentOn() {
		this.filter.filter(request(), this.exchange)
			.contextWrite((context) -> context.put(TraceContext.CONTEXT_KEY, "flux-1"))
			.block(Duration.ofSeconds(5));
		assertThat(this.sent.get().headers().getFirst("X-Trace-ID")).isEqualTo("flux-1");
		assertThat(this.metrics.count(TraceMetrics.PROPAGATED, Layer.HTTP, null)).isOne();
		assertThat(this.hops.hops()).containsExactly("flux-1 http out");
	}

	@Test
	void withoutOneInTheContextTheThreadsIdIsSent() {
		Mono<ClientResponse> response;
		try (TraceScope scope = TraceContext.open("thread-1")) {
			response = this.filter.filter(request(), this.exchange);
			response.block(Duration.ofSeconds(5));
		}
		assertThat(this.sent.get().headers().getFirst("X-Trace-ID")).isEqualTo("thread-1");
	}

	@Test
	void anIdTheCallerSetIsKept() {
		ClientRequest request = ClientRequest.from(request()).header("X-Trace-ID", "callers").build();
		this.filter.filter(request, this.exchange)
			.contextWrite((context) -> context.put(TraceContext.CONTEXT_KEY, "flux-2"))
			.block(Duration.ofSeconds(5));
		assertThat(this.sent.get().headers().get("X-Trace-ID")).containsExactly("callers");
		assertThat(this.hops.hops()).isEmpty();
	}

	private static ClientRequest request() {
		return ClientRequest.create(HttpMethod.GET, URI.create("http://127.0.0.1/x")).build();
	}

}
