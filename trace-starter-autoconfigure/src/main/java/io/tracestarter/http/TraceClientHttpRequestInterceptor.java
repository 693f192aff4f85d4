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
