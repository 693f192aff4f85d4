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

import io.tracestarter.core.Layer;
import io.tracestarter.core.OutboundPropagation;
import io.tracestarter.core.OutboundSetter;
import io.tracestarter.core.RequestSampling;
import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceHopRecorder;
import io.tracestarter.core.TraceMetrics;
import io.tracestarter.core.W3cParticipation;
import io.tracestarter.core.W3cTraceContext;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * Adds the id header to requests of a {@code WebClient}, unless the caller set one. The
 * id is read from the Reactor context first: the request may be sent on a thread that
 * never saw it.
 */
final class TraceExchangeFilterFunction implements ExchangeFilterFunction {

	private final String headerName;

	private final OutboundPropagation outbound;

	private final OutboundSetter<HttpHeaders> setter;

	private final boolean tracerCarriesIds;

	TraceExchangeFilterFunction(String headerName, TraceMetrics metrics, TraceHopRecorder hops) {
		this(headerName, metrics, hops, RequestSampling.none());
	}

	TraceExchangeFilterFunction(String headerName, TraceMetrics metrics, TraceHopRecorder hops,
			RequestSampling sampling) {
		this(headerName, metrics, hops, sampling, false);
	}

	/**
	 * Create the filter; with {@code tracerCarriesIds}, a call whose context holds no id
	 * of the starter's sends the trace id of the span of the observation in it.
	 */
	TraceExchangeFilterFunction(String headerName, TraceMetrics metrics, TraceHopRecorder hops,
			RequestSampling sampling, boolean tracerCarriesIds) {
		this.headerName = headerName;
		this.outbound = new OutboundPropagation(metrics, hops, sampling);
		this.setter = new HttpHeadersSetter(headerName);
		this.tracerCarriesIds = tracerCarriesIds;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		if (request.headers().containsHeader(this.headerName)
				&& (!W3cParticipation.isEnabled() || this.setter.hasTraceparent(request.headers()))) {
			return next.exchange(request);
		}
		return Mono.deferContextual((context) -> {
			String traceId = context.getOrDefault(TraceContext.CONTEXT_KEY, null);
			W3cTraceContext w3c = context.getOrDefault(W3cTraceContext.CONTEXT_KEY, null);
			if (traceId == null) {
				traceId = TraceContext.currentTraceId();
				w3c = W3cTraceContext.current();
			}
			if (traceId == null && this.tracerCarriesIds) {
				traceId = ObservationSpanTraceId.of(context);
			}
			if (traceId == null) {
				return next.exchange(request);
			}
			String sent = traceId;
			W3cTraceContext sentW3c = w3c;
			return next.exchange(ClientRequest.from(request)
				.headers((headers) -> this.outbound.inject(Layer.HTTP, headers, this.setter, sent, sentW3c))
				.build());
		});
	}

}
