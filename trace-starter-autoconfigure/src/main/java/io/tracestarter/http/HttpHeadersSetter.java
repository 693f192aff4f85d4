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

import io.tracestarter.core.OutboundSetter;
import io.tracestarter.core.RequestSampling;
import io.tracestarter.core.W3cTraceContext;

import org.springframework.http.HttpHeaders;

/**
 * Puts the id into the headers of an outbound HTTP request, unless the caller set one.
 */
final class HttpHeadersSetter implements OutboundSetter<HttpHeaders> {

	private final String headerName;

	HttpHeadersSetter(String headerName) {
		this.headerName = headerName;
	}

	@Override
	public boolean isSet(HttpHeaders headers) {
		return headers.containsHeader(this.headerName);
	}

	@Override
	public void set(HttpHeaders headers, String traceId) {
		headers.set(this.headerName, traceId);
	}

	@Override
	public void setSampledOut(HttpHeaders headers) {
		headers.set(RequestSampling.SAMPLED_HEADER, RequestSampling.SAMPLED_OUT);
	}

	@Override
	public boolean hasTraceparent(HttpHeaders headers) {
		return headers.containsHeader(W3cTraceContext.TRACEPARENT);
	}

	@Override
	public void setW3c(HttpHeaders headers, String traceparent, String tracestate) {
		headers.set(W3cTraceContext.TRACEPARENT, traceparent);
		if (!tracestate.isEmpty()) {
			headers.set(W3cTraceContext.TRACESTATE, tracestate);
		}
	}

}
