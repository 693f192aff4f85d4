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

import java.io.IOException;

import io.tracestarter.core.Layer;
import io.tracestarter.core.OutboundPropagation;
import io.tracestarter.core.OutboundSetter;
import io.tracestarter.core.RequestSampling;
import io.tracestarter.core.TraceHopRecorder;
import io.tracestarter.core.TraceMetrics;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Adds the id header to requests of a {@code RestClient} or {@code RestTemplate}, unless
 * the caller set one.
 */
final class TraceClientHttpRequestInterceptor implements ClientHttpRequestInterceptor {

	private final OutboundPropagation outbound;

	private final OutboundSetter<HttpHeaders> setter;

	TraceClientHttpRequestInterceptor(String headerName, TraceMetrics metrics, TraceHopRecorder hops) {
		this(headerName, metrics, hops, RequestSampling.none());
	}

	TraceClientHttpRequestInterceptor(String headerName, TraceMetrics metrics, TraceHopRecorder hops,
			RequestSampling sampling) {
		this.outbound = new OutboundPropagation(metrics, hops, sampling);
		this.setter = new HttpHeadersSetter(headerName);
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		this.outbound.inject(Layer.HTTP, request.getHeaders(), this.setter);
		return execution.execute(request, body);
	}

}
