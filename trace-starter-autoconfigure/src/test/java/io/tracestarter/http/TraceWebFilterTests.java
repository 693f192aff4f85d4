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

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.context.ContextRegistry;
import io.tracestarter.core.InboundSource;
import io.tracestarter.core.InboundTrust;
import io.tracestarter.core.InboundTrust.Policy;
import io.tracestarter.core.Layer;
import io.tracestarter.core.RecordingHops;
import io.tracestarter.core.RequestSampling;
import io.tracestarter.core.RequestSampling.Request;
import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceIdGenerator;
import io.tracestarter.core.TraceIdResolver;
import io.tracestarter.core.TraceIdValidator;
import io.tracestarter.core.TraceMetrics;
import io.tracestarter.core.TraceScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The WebFlux filter on mock exchanges, alone and behind its HttpHandler decorator: the
 * id is on the thread while the chain is assembled and in the Reactor context while it
 * runs, is kept on the exchange and echoed in the response, the request is resolved (hop,
 * metrics, sampling) once, and the sampling handle ends as failed on an error or a 5xx,
 * not on a cancel.
 */
class TraceWebFilterTests {

	private final TraceMetrics metrics = new TraceMetrics();

	private final RecordingHops hops = new RecordingHops();

	private final AtomicInteger generated = new AtomicInteger();

	private final RecordingSampling sampling = new RecordingSampling();

	private final List<String> seen = new ArrayList<>();

	private final WebFilterChain recordingChain = (exchange) -> {
		this.seen.add("assembly " + TraceContext.currentTraceId() + " " + MDC.get(TraceContext.MDC_KEY));
		return Mono.deferContextual((context) -> {
			this.seen.add("context " + context.getOrDefault(TraceContext.CONTEXT_KEY, "none"));
			return Mono.empty();
		});
	};

	@AfterEach
	void noIdLeftOnTheTestThread() {
		try {
			assertThat(TraceContext.currentTraceId()).isNull();
			assertThat(MDC.get(TraceContext.MDC_KEY)).isNull();
		}
		finally {
			TraceScope.open(null);
		}
	}

	@Test
	void runsFirstAmongTheWebFilters() {
		assertThat(filter(InboundTrust.all()).getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE);
	}

	@Test
	void exchangeWithoutHeaderGetsGeneratedIdOnTheThreadAndInTheContext() {
		MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/orders"));
		filter(InboundTrust.all()).filter(exchange, this.recordingChain).block(Duration.ofSeconds(10));
		assertThat(this.seen).containsExactly("assembly generated-1 generated-1", "context generated-1");
		assertThat(exchange.getAttributes()).containsEntry(TraceWebFilter.TRACE_ID_ATTRIBUTE, "generated-1");
		assertThat(exchange.getResponse().getHeaders().get("X-Trace-ID")).containsExactly("generated-1");
		assertThat(this.hops.hops()).containsExactly("generated-1 http in");
		assertThat(this.metrics.count(TraceMetrics.GENERATED, Layer.HTTP, null)).isOne();
	}

	@Test
	void aTrustedCallersHeaderOrQueryParameterIsUsed() {
		TraceWebFilter filter = filter(InboundTrust.all());
		filter
			.filter(exchange(MockServerHttpRequest.get("/orders").header("X-Trace-ID", "header-1")),
					this.recordingChain)
			.block(Duration.ofSeconds(10));
		filter.filter(exchange(MockServerHttpRequest.get("/orders?traceId=query-1")), this.recordingChain)
			.block(Duration.ofSeconds(10));
		assertThat(this.seen).containsExactly("assembly header-1 header-1", "context header-1",
				"assembly query-1 query-1", "context query-1");
		assertThat(this.metrics.count(TraceMetrics.EXTRACTED, Layer.HTTP, null)).isEqualTo(2);
		assertThat(this.generated).hasValue(0);
	}

	@Test
	void anUntrustedPeersIdIsReplacedATrustedPeersIsKept() {
		TraceWebFilter filter = filter(new InboundTrust(Policy.TRUSTED_PROXIES, List.of("10.0.0.0/8")));
		MockServerWebExchange outside = exchange(MockServerHttpRequest.get("/orders")
			.header("X-Trace-ID", "outsider-1")
			.remoteAddress(new InetSocketAddress("192.168.1.1", 5000)));
		MockServerWebExchange inside = exchange(MockServerHttpRequest.get("/orders")
			.header("X-Trace-ID", "insider-1")
			.remoteAddress(new InetSocketAddress("10.1.2.3", 5000)));
		filter.filter(outside, this.recordingChain).block(Duration.ofSeconds(10));
		filter.filter(inside, this.recordingChain).block(Duration.ofSeconds(10));
		assertThat((String) outside.getAttribute(TraceWebFilter.TRACE_ID_ATTRIBUTE)).matches("[0-9a-f]{32}");
		assertThat((String) inside.getAttribute(TraceWebFilter.TRACE_ID_ATTRIBUTE)).isEqualTo("insider-1");
		assertThat(this.metrics.count(TraceMetrics.REJECTED, Layer.HTTP, "untrusted")).isOne();
	}

	@Test
	void behindTheDecoratorASentIdIsResolvedOnceAndCoversTheWholeHandler() {
		TraceWebFilter filter = filter(InboundTrust.all());
		MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/orders").header("X-Trace-ID", "sent-1"));
		HttpHandler handler = (request, response) -> {
			this.seen.add("handler " + TraceContext.currentTraceId());
			return filter.filter(exchange, this.recordingChain);
		};
		filter.handle(exchange.getRequest(), exchange.getResponse(), handler).block(Duration.ofSeconds(10));
		assertThat(this.seen).containsExactly("handler sent-1", "assembly sent-1 sent-1", "context sent-1");
		assertThat(exchange.getAttributes()).containsEntry(TraceWebFilter.TRACE_ID_ATTRIBUTE, "sent-1");
		assertThat(exchange.getResponse().getHeaders().get("X-Trace-ID")).containsExactly("sent-1");
		assertThat(this.hops.hops()).containsExactly("sent-1 http in");
		assertThat(this.sampling.begun).containsExactly("sent-1 ROUTE /orders");
		assertThat(this.sampling.ended).containsExactly("sent-1 failed=false");
	}

	@Test
	void behindTheDecoratorWithoutASentIdTheFilterMakesItOnce() {
		TraceWebFilter filter = filter(InboundTrust.all());
		MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/orders").header("X-Trace-ID", "bad id"));
		HttpHandler handler = (request, response) -> {
			this.seen.add("handler " + TraceContext.currentTraceId());
			return filter.filter(exchange, this.recordingChain);
		};
		filter.handle(exchange.getRequest(), exchange.getResponse(), handler).block(Duration.ofSeconds(10));
		assertThat(this.seen).containsExactly("handler null", "assembly generated-1 generated-1",
				"context generated-1");
		assertThat(this.hops.hops()).containsExactly("generated-1 http in");
		assertThat(this.metrics.count(TraceMetrics.GENERATED, Layer.HTTP, null)).isOne();
		assertThat(this.metrics.count(TraceMetrics.REJECTED, Layer.HTTP, "forbidden_character")).isOne();
		assertThat(this.sampling.begun).containsExactly("generated-1 ROUTE /orders");
		assertThat(exchange.getResponse().getHeaders().get("X-Trace-ID")).containsExactly("generated-1");
	}

	@Test
	void aGeneratedIdIsMadeWithTheExchangesContextOnTheThread() {
		ThreadLocal<String> span = new ThreadLocal<>();
		ContextRegistry.getInstance().registerThreadLocalAccessor("test.span", span::get, span::set, span::remove);
		try {
			TraceWebFilter filter = new TraceWebFilter(resolver(() -> "id-of-" + span.get()),
					new ResponseHeaderPolicy("X-Trace-ID"), this.hops, InboundTrust.all(), this.sampling);
			filter.filter(exchange(MockServerHttpRequest.get("/orders")), this.recordingChain)
				.contextWrite((context) -> context.put("test.span", "span-1"))
				.block(Duration.ofSeconds(10));
			assertThat(this.seen).containsExactly("assembly id-of-span-1 id-of-span-1", "context id-of-span-1");
			assertThat(span.get()).as("restored after the id is made").isNull();
		}
		finally {
			ContextRegistry.getInstance().removeThreadLocalAccessor("test.span");
		}
	}

	@Test
	void theCallersIdComesBackAfterAssembly() {
		try (TraceScope scope = TraceScope.open("outer-1")) {
			filter(InboundTrust.all()).filter(exchange(MockServerHttpRequest.get("/")), this.recordingChain)
				.block(Duration.ofSeconds(10));
			assertThat(TraceContext.currentTraceId()).isEqualTo("outer-1");
		}
		assertThat(this.seen).containsExactly("assembly generated-1 generated-1", "context generated-1");
	}

	@Test
	void onlyAnInboundIdIsEchoedWhenThePolicySaysSo() {
		TraceWebFilter filter = new TraceWebFilter(resolver(this::nextId), new ResponseHeaderPolicy("X-Trace-ID", true),
				this.hops, InboundTrust.all(), this.sampling);
		MockServerWebExchange generated = exchange(MockServerHttpRequest.get("/"));
		MockServerWebExchange inbound = exchange(MockServerHttpRequest.get("/").header("X-Trace-ID", "in-1"));
		filter.filter(generated, this.recordingChain).block(Duration.ofSeconds(10));
		filter.filter(inbound, this.recordingChain).block(Duration.ofSeconds(10));
		assertThat(generated.getResponse().getHeaders().containsHeader("X-Trace-ID")).isFalse();
		assertThat(inbound.getResponse().getHeaders().get("X-Trace-ID")).containsExactly("in-1");
	}

	@Test
	void samplingIsBegunWithThePathWithinTheApplication() {
		filter(InboundTrust.all())
			.filter(exchange(MockServerHttpRequest.get("/shop/orders/7").contextPath("/shop")), this.recordingChain)
			.block(Duration.ofSeconds(10));
		assertThat(this.sampling.begun).containsExactly("generated-1 ROUTE /orders/7");
	}

	@Test
	void aSuccessfulExchangeEndsItsSamplingAsNotFailed() {
		filter(InboundTrust.all()).filter(exchange(MockServerHttpRequest.get("/")), this.recordingChain)
			.block(Duration.ofSeconds(10));
		assertThat(this.sampling.ended).containsExactly("generated-1 failed=false");
	}

	@Test
	void aServerErrorStatusOrAnErrorEndsItsSamplingAsFailed() {
		TraceWebFilter filter = filter(InboundTrust.all());
		filter.filter(exchange(MockServerHttpRequest.get("/")), (exchange) -> {
			exchange.getResponse().setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
			return Mono.empty();
		}).block(Duration.ofSeconds(10));
		assertThatIllegalStateException().isThrownBy(() -> filter
			.filter(exchange(MockServerHttpRequest.get("/")), (exchange) -> Mono.error(new IllegalStateException()))
			.block(Duration.ofSeconds(10)));
		assertThat(this.sampling.ended).containsExactly("generated-1 failed=true", "generated-2 failed=true");
	}

	@Test
	void aCancelledExchangeIsNotAFailure() {
		Disposable subscription = filter(InboundTrust.all())
			.filter(exchange(MockServerHttpRequest.get("/")), (exchange) -> Mono.never())
			.subscribe();
		assertThat(this.sampling.ended).isEmpty();
		subscription.dispose();
		assertThat(this.sampling.ended).containsExactly("generated-1 failed=false");
	}

	@Test
	void aChainThatThrowsWhileAssembledEndsSamplingAsFailedAndRestoresTheThread() {
		assertThatIllegalStateException().isThrownBy(
				() -> filter(InboundTrust.all()).filter(exchange(MockServerHttpRequest.get("/")), (exchange) -> {
					this.seen.add("assembly " + TraceContext.currentTraceId());
					throw new IllegalStateException("chain failed");
				}).block(Duration.ofSeconds(10)))
			.withMessage("chain failed");
		assertThat(this.seen).containsExactly("assembly generated-1");
		assertThat(this.sampling.ended).containsExactly("generated-1 failed=true");
	}

	@Test
	void aHandlerThatThrowsBehindTheDecoratorEndsSamplingAsFailed() {
		MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("/").header("X-Trace-ID", "sent-2"));
		assertThatIllegalStateException().isThrownBy(() -> filter(InboundTrust.all()).handle(exchange.getRequest(),
				exchange.getResponse(), (request, response) -> {
					throw new IllegalStateException("handler failed");
				}))
			.withMessage("handler failed");
		assertThat(this.sampling.ended).containsExactly("sent-2 failed=true");
	}

	private TraceWebFilter filter(InboundTrust trust) {
		return new TraceWebFilter(resolver(this::nextId), new ResponseHeaderPolicy("X-Trace-ID"), this.hops, trust,
				this.sampling);
	}

	private String nextId() {
		return "generated-" + this.generated.incrementAndGet();
	}

	private TraceIdResolver resolver(TraceIdGenerator generator) {
		return new TraceIdResolver(List.of(InboundSource.of("header:X-Trace-ID"), InboundSource.of("query:traceId")),
				new TraceIdValidator(128), generator, this.metrics);
	}

	private static MockServerWebExchange exchange(MockServerHttpRequest.BaseBuilder<?> request) {
		return MockServerWebExchange.from(request);
	}

	/**
	 * Sampling that records each request begun and each end, as
	 * {@code "traceId KIND name"} and {@code "traceId failed=..."}.
	 */
	private static final class RecordingSampling implements RequestSampling {

		private final List<String> begun = new ArrayList<>();

		private final List<String> ended = new ArrayList<>();

		@Override
		public Request begin(String traceId, Kind kind, String name) {
			this.begun.add(traceId + " " + kind + " " + name);
			return (failed) -> this.ended.add(traceId + " failed=" + failed);
		}

	}

}
