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

import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceHopRecorder;
import io.tracestarter.core.TraceMetrics;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Adds the id header to requests of a {@code RestClient} or {@code RestTemplate}, unless
 * the caller set one.
 */
final class TraceClientHttpRequestInterceptor implements ClientHttpRequestInterceptor {

	private final String headerName;

	private final TraceMetrics metrics;

	private final TraceHopRecorder hops;

	TraceClientHttpRequestInterceptor(String headerName, TraceMetrics metrics, TraceHopRecorder hops) {
		this.headerName = headerName;
		this.metrics = metrics;
		this.hops = hops;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		String traceId = TraceContext.currentTraceId();
		if (traceId != null && !request.getHeaders().containsHeader(this.headerName)) {
			request.getHeaders().set(this.headerName, traceId);
			this.metrics.propagated("http");
			this.hops.record(traceId, "http", "out");
		}
		return execution.execute(request, body);
	}

}
