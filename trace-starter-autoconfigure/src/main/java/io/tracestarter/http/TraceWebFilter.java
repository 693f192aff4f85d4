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
import java.util.List;

import io.micrometer.context.ContextSnapshot.Scope;
import io.micrometer.context.ContextSnapshotFactory;
import io.tracestarter.core.InboundGetter;
import io.tracestarter.core.InboundPropagation;
import io.tracestarter.core.InboundPropagation.Inbound;
import io.tracestarter.core.InboundSource;
import io.tracestarter.core.InboundTrust;
import io.tracestarter.core.Layer;
import io.tracestarter.core.RequestSampling;
import io.tracestarter.core.RequestSampling.Kind;
import io.tracestarter.core.RequestSampling.Request;
import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceHopRecorder;
import io.tracestarter.core.TraceIdResolver;
import io.tracestarter.core.TraceScope;
import io.tracestarter.core.W3cParticipation;
import io.tracestarter.core.W3cTraceContext;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Resolves the trace id of each WebFlux exchange and puts it into the Reactor context,
 * from where automatic context propagation restores it on every operator and thread. It
 * runs first among the web filters, inside the observation Spring opens around the whole
 * exchange, so a generated id is the trace id of the exchange's span.
 *
 * @since 0.1.0
 */
public final class TraceWebFilter implements WebFilter, Ordered {

	/**
	 * Exchange attribute that holds the id, for code that has the exchange but not the
	 * Reactor context (exception handlers).
	 */
	public static final String TRACE_ID_ATTRIBUTE = TraceWebFilter.class.getName() + ".traceId";

	/** Exchange attribute that holds the W3C Trace Context, beside the id. */
	static final String W3C_ATTRIBUTE = TraceWebFilter.class.getName() + ".w3c";

	private static final InboundGetter<ServerHttpRequest> GETTER = new RequestGetter();

	// Reactor context key of the request's id from the HttpHandler decorator.
	private static final String REQUEST_ID_KEY = TraceWebFilter.class.getName() + ".requestId";

	private final InboundPropagation inbound;

	private final ResponseHeaderPolicy responseHeader;

	private final ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();

	private final SpanIds spanIds;

	TraceWebFilter(TraceIdResolver resolver, ResponseHeaderPolicy responseHeader, TraceHopRecorder hops,
			InboundTrust trust, RequestSampling sampling) {
		this(resolver, responseHeader, hops, trust, sampling, SpanIds.NONE);
	}

	/**
	 * Create the filter; {@code spanIds} says whether a generated id is taken from the
	 * span of the exchange's observation, read from the Reactor context, and whether the
	 * tracer alone then carries it.
	 */
	TraceWebFilter(TraceIdResolver resolver, ResponseHeaderPolicy responseHeader, TraceHopRecorder hops,
			InboundTrust trust, RequestSampling sampling, SpanIds spanIds) {
		this.inbound = new InboundPropagation(resolver, trust, hops, sampling);
		this.responseHeader = responseHeader;
		this.spanIds = spanIds;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return Mono.deferContextual((context) -> {
			RequestId requestId = context.getOrDefault(REQUEST_ID_KEY, null);
			String resolved = (requestId != null) ? requestId.traceId : null;
			if (requestId != null && resolved != null) {
				// The HttpHandler decorator resolved the id; header, hop and sampling are
				// done.
				return underResolvedId(exchange, chain, requestId, resolved, context);
			}
			ServerHttpRequest request = exchange.getRequest();
			// The decorator found no valid id: make it here, inside the request's
			// observation, so that it is the span's trace id. Without the decorator (a
			// WebHandler called directly), resolve here.
			Inbound inbound = (requestId != null)
					? this.inbound.generated(Layer.HTTP, () -> generate(context), Kind.ROUTE, route(request))
					: this.inbound.extract(Layer.HTTP, request, GETTER, () -> trusted(request), () -> generate(context),
							Kind.ROUTE, route(request));
			if (requestId != null) {
				requestId.made(inbound.traceId(), inbound.w3c());
			}
			String traceId = inbound.traceId();
			keep(exchange, traceId, inbound.w3c());
			setResponseHeader(exchange.getResponse(), inbound);
			Request sampled = inbound.sampling();
			Mono<Void> result;
			// Filters and handlers that log while the chain is assembled run here, on
			// this thread; the scope covers them and is closed before we return.
			try (TraceScope scope = inbound.open()) {
				inbound.logIfReplaced();
				result = chain.filter(exchange);
			}
			catch (RuntimeException | Error ex) {
				sampled.end(true);
				throw ex;
			}
			if (sampled != Request.NONE) {
				result = result.doFinally((signal) -> sampled.end(failed(signal, exchange.getResponse())));
			}
			return carried(result, traceId, inbound.w3c(), context);
		});
	}

	private Mono<Void> underResolvedId(ServerWebExchange exchange, WebFilterChain chain, RequestId requestId,
			String resolved, ContextView context) {
		W3cTraceContext w3c = requestId.w3c;
		keep(exchange, resolved, w3c);
		Mono<Void> result;
		try (TraceScope scope = TraceScope.open(resolved, w3c)) {
			result = chain.filter(exchange);
		}
		if (!requestId.deferred) {
			return withIds(result, resolved, w3c);
		}
		// The caller continued the same trace (its X-Trace-ID is the trace id of its
		// traceparent): left to the tracer, as a generated id, when the span did continue
		// it.
		return carried(result, resolved, w3c, context);
	}

	private Mono<Void> carried(Mono<Void> result, String traceId, @Nullable W3cTraceContext w3c, ContextView context) {
		return leftToTheTracer(traceId, context) ? result : withIds(result, traceId, w3c);
	}

	/**
	 * Whether the id is the trace id of the exchange's span, so that the tracer's
	 * context, already in the Reactor context, brings it to every thread: a copy of ours
	 * would be restored and written to the MDC beside it at every hop.
	 */
	private boolean leftToTheTracer(String traceId, ContextView context) {
		return this.spanIds == SpanIds.CARRIED_BY_TRACER && traceId.equals(ObservationSpanTraceId.of(context));
	}

	private static void keep(ServerWebExchange exchange, String traceId, @Nullable W3cTraceContext w3c) {
		exchange.getAttributes().put(TRACE_ID_ATTRIBUTE, traceId);
		if (w3c != null) {
			exchange.getAttributes().put(W3C_ATTRIBUTE, w3c);
		}
	}

	/**
	 * Put the id, and the W3C Trace Context when there is one, into the Reactor context
	 * of {@code result}.
	 */
	static <T> Mono<T> withIds(Mono<T> result, String traceId, @Nullable W3cTraceContext w3c) {
		return IdsInContext.of(result, (context) -> putIds(context, traceId, w3c), traceId, w3c);
	}

	private static Context putIds(Context context, String traceId, @Nullable W3cTraceContext w3c) {
		Context withId = context.put(TraceContext.CONTEXT_KEY, traceId);
		return (w3c != null) ? withId.put(W3cTraceContext.CONTEXT_KEY, w3c) : withId;
	}

	/**
	 * Handle one request with {@code handler} under its id: resolve the id a trusted peer
	 * sent and keep it for the whole handler, or, when none is valid, let the filter make
	 * it inside the request's observation (so that it is the span's trace id).
	 */
	Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response, HttpHandler handler) {
		Inbound inbound = this.inbound.extractSent(Layer.HTTP, request, GETTER, () -> trusted(request), Kind.ROUTE,
				route(request));
		if (inbound == null) {
			RequestId pending = new RequestId(null, null, false);
			// Subscribed with no id: the filter makes it inside the request's
			// observation.
			return CompletionUnderId.of(
					IdsInContext.of(handler.handle(request, response),
							(context) -> context.put(REQUEST_ID_KEY, pending), null, null),
					pending::traceId, pending::w3c);
		}
		String traceId = inbound.traceId();
		setResponseHeader(response, inbound);
		Request sampled = inbound.sampling();
		Mono<Void> result;
		try (TraceScope scope = inbound.open()) {
			inbound.logIfReplaced();
			result = handler.handle(request, response);
		}
		catch (RuntimeException | Error ex) {
			sampled.end(true);
			throw ex;
		}
		if (sampled != Request.NONE) {
			result = result.doFinally((signal) -> sampled.end(failed(signal, response)));
		}
		W3cTraceContext w3c = inbound.w3c();
		return CompletionUnderId.of(withRequestId(result, request, traceId, w3c), () -> traceId, () -> w3c);
	}

	/**
	 * Put the resolved id into the context of the whole exchange; or, when the tracer
	 * will likely carry it (the request's traceparent continues the same trace), only
	 * tell the filter, which decides inside the request's observation. A copy in the
	 * exchange's context would reach every thread of the chain: automatic context
	 * propagation's {@code contextWrite} sets it on every signal, and schedulers take it
	 * from there.
	 */
	private Mono<Void> withRequestId(Mono<Void> result, ServerHttpRequest request, String traceId,
			@Nullable W3cTraceContext w3c) {
		if (this.spanIds == SpanIds.CARRIED_BY_TRACER
				&& W3cParticipation.continues(request.getHeaders().getFirst(W3cTraceContext.TRACEPARENT), traceId)) {
			RequestId deferred = new RequestId(traceId, w3c, true);
			return IdsInContext.of(result, (context) -> context.put(REQUEST_ID_KEY, deferred), null, null);
		}
		RequestId resolved = new RequestId(traceId, w3c, false);
		return IdsInContext.of(result, (context) -> putIds(context.put(REQUEST_ID_KEY, resolved), traceId, w3c),
				traceId, w3c);
	}

	private void setResponseHeader(ServerHttpResponse response, Inbound inbound) {
		String headerName = this.responseHeader.headerFor(inbound.resolved());
		if (headerName != null) {
			response.getHeaders().set(headerName, inbound.traceId());
		}
	}

	private static String route(ServerHttpRequest request) {
		return request.getPath().pathWithinApplication().value();
	}

	// A cancelled exchange (the client went away) is not a failure of the application.
	private static boolean failed(SignalType signal, ServerHttpResponse response) {
		if (signal == SignalType.ON_ERROR) {
			return true;
		}
		HttpStatusCode status = response.getStatusCode();
		return signal == SignalType.ON_COMPLETE && status != null && status.is5xxServerError();
	}

	private boolean trusted(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		return this.inbound.trusts((remote != null) ? remote.getAddress() : null);
	}

	private String generate(ContextView context) {
		if (context.isEmpty()) {
			return this.inbound.newId();
		}
		if (this.spanIds != SpanIds.NONE) {
			// The generator would return the current span's trace id: read the span
			// from the observation in the context, rather than open its scope (the
			// tracer's own scope and MDC entries) to ask for it.
			String spanTraceId = ObservationSpanTraceId.of(context);
			if (spanTraceId != null) {
				return spanTraceId;
			}
		}
		// Makes the exchange's observation current, so a generated id is its span's. Only
		// here: a request that brings a valid id does not pay for restoring
		// thread-locals.
		try (Scope scope = this.snapshots.setThreadLocalsFrom(context)) {
			return this.inbound.newId();
		}
	}

	/**
	 * What the filter does with the span of the exchange's observation.
	 */
	enum SpanIds {

		/** Nothing: there is no tracer, or the id generator is not the span's. */
		NONE,

		/** A generated id is the span's trace id, read from the Reactor context. */
		FROM_CONTEXT,

		/**
		 * As {@link #FROM_CONTEXT}, and an id that is the span's trace id is left to the
		 * tracer to carry.
		 */
		CARRIED_BY_TRACER

	}

	private static final class RequestGetter implements InboundGetter<ServerHttpRequest> {

		@Override
		public @Nullable String get(ServerHttpRequest request, InboundSource source) {
			return switch (source.type()) {
				case HEADER, TRACEPARENT -> request.getHeaders().getFirst(source.name());
				// The raw query, read as the servlet filter reads it: Spring's parsed
				// parameters would build a map of every parameter on every request.
				case QUERY -> QueryParameters.first(request.getURI().getRawQuery(), source.name());
			};
		}

		@Override
		public List<String> all(ServerHttpRequest request, InboundSource source) {
			List<String> values = request.getHeaders().get(source.name());
			return (values != null) ? values : List.of();
		}

	}

	/**
	 * What the HttpHandler decorator left for the filter: the request's resolved id, or
	 * {@code null} when the filter is to make it; then the filter leaves the id it made,
	 * for the decorator's completion signal.
	 */
	private static final class RequestId {

		private final @Nullable String traceId;

		private final @Nullable W3cTraceContext w3c;

		private volatile @Nullable String madeId;

		private volatile @Nullable W3cTraceContext madeW3c;

		/**
		 * A resolved id the filter puts into the chain's context only if the tracer does
		 * not carry it.
		 */
		private final boolean deferred;

		RequestId(@Nullable String traceId, @Nullable W3cTraceContext w3c, boolean deferred) {
			this.traceId = traceId;
			this.w3c = w3c;
			this.deferred = deferred;
		}

		void made(String traceId, @Nullable W3cTraceContext w3c) {
			this.madeW3c = w3c;
			this.madeId = traceId;
		}

		@Nullable String traceId() {
			return (this.traceId != null) ? this.traceId : this.madeId;
		}

		@Nullable W3cTraceContext w3c() {
			return (this.traceId != null) ? this.w3c : this.madeW3c;
		}

	}

}
