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
import java.util.concurrent.atomic.AtomicReference;

import io.tracestarter.core.Layer;
import io.tracestarter.core.RecordingHops;
import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceMetrics;
import io.tracestarter.core.TraceScope;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code RestClient} / {@code RestTemplate} interceptor sends the current id on,
 * never over one the caller set.
 */
class TraceClientHttpRequestInterceptorTests {

	private final TraceMetrics metrics = new TraceMetrics();

	private final RecordingHops hops = new RecordingHops();

	private final TraceClientHttpRequestInterceptor interceptor = new TraceClientHttpRequestInterceptor("X-Trace-ID",
			this.metrics, this.hops);

	private final AtomicReference<HttpRequest> sent = new AtomicReference<>();

	private final ClientHttpRequestExecution execution = (request, body) -> {
		this.sent.set(request);
		return new MockClientHttpResponse();
	};

	@Test
	void theCurrentIdIsSentOn() throws Exception {
		try (TraceScope scope = TraceContext.open("rest-1")) {
			this.interceptor.intercept(request(), new byte[0], this.execution);
		}
		assertThat(this.sent.get().getHeaders().getFirst("X-Trace-ID")).isEqualTo("rest-1");
		assertThat(this.metrics.count(TraceMetrics.PROPAGATED, Layer.HTTP, null)).isOne();
		assertThat(this.hops.hops()).containsExactly("rest-1 http out");
	}

	@Test
	void anIdTheCallerSetIsKept() throws Exception {
		MockClientHttpRequest request = request();
		request.getHeaders().set("X-Trace-ID", "callers");
		try (TraceScope scope = TraceContext.open("rest-2")) {
			this.interceptor.intercept(request, new byte[0], this.execution);
		}
		assertThat(this.sent.get().getHeaders().get("X-Trace-ID")).containsExactly("callers");
	}

	@Test
	void withoutAnIdNothingIsAdded() throws Exception {
		this.interceptor.intercept(request(), new byte[0], this.execution);
		assertThat(this.sent.get().getHeaders().containsHeader("X-Trace-ID")).isFalse();
	}

	private static MockClientHttpRequest request() {
		return new MockClientHttpRequest(HttpMethod.GET, URI.create("http://127.0.0.1/x"));
	}

}
