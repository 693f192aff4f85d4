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
import java.net.InetAddress;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import io.tracestarter.core.InboundGetter;
import io.tracestarter.core.InboundPropagation;
import io.tracestarter.core.InboundPropagation.Inbound;
import io.tracestarter.core.InboundSource;
import io.tracestarter.core.InboundTrust;
import io.tracestarter.core.IpLiterals;
import io.tracestarter.core.Layer;
import io.tracestarter.core.OutsideTracedWork;
import io.tracestarter.core.RequestSampling;
import io.tracestarter.core.RequestSampling.Kind;
import io.tracestarter.core.RequestSampling.Request;
import io.tracestarter.core.TraceHopRecorder;
import io.tracestarter.core.TraceIdResolver;
import io.tracestarter.core.TraceScope;
import io.tracestarter.core.W3cTraceContext;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * Resolves the trace id of each servlet request and makes it current on the request
 * thread for the rest of the filter chain. The id is kept as a request attribute, so the
 * async and error dispatches of the same request reuse it.
 *
 * @since 0.1.0
 */
public final class TraceServletFilter implements Filter {

	/**
	 * Request attribute that holds the id.
	 */
	public static final String TRACE_ID_ATTRIBUTE = TraceServletFilter.class.getName() + ".traceId";

	/** Request attribute that holds the log sampling handle across dispatches. */
	private static final String SAMPLED_ATTRIBUTE = TraceServletFilter.class.getName() + ".sampled";

	/** Request attribute that holds the W3C Trace Context across dispatches. */
	private static final String W3C_ATTRIBUTE = TraceServletFilter.class.getName() + ".w3c";

	private static final InboundGetter<HttpServletRequest> GETTER = new RequestGetter();

	private final InboundPropagation inbound;

	private final ResponseHeaderPolicy responseHeader;

	TraceServletFilter(TraceIdResolver resolver, ResponseHeaderPolicy responseHeader, TraceHopRecorder hops,
			InboundTrust trust, RequestSampling sampling) {
		this.inbound = new InboundPropagation(resolver, trust, hops, sampling);
		this.responseHeader = responseHeader;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (!(request instanceof HttpServletRequest httpRequest)
				|| !(response instanceof HttpServletResponse httpResponse)) {
			chain.doFilter(request, response);
			return;
		}
		String traceId = (String) request.getAttribute(TRACE_ID_ATTRIBUTE);
		Inbound inbound = null;
		if (traceId == null) {
			inbound = begin(httpRequest, httpResponse);
			traceId = inbound.traceId();
		}
		TraceScope scope = TraceScope.open(traceId, (W3cTraceContext) request.getAttribute(W3C_ATTRIBUTE));
		// From here the request's traced work runs: a line without the id is a break
		// point.
		boolean outside = OutsideTracedWork.suspend();
		if (inbound != null) {
			inbound.logIfReplaced();
		}
		boolean failed = true;
		try {
			chain.doFilter(request, response);
			failed = false;
		}
		finally {
			endSampling(httpRequest, httpResponse, failed);
			// On failure, with Tomcat's cleanup valve around us, keep the id for the
			// container's own error line; the valve clears it when the request leaves.
			if (!failed || request.getAttribute(TraceCleanupValve.PRESENT_ATTRIBUTE) == null) {
				scope.close();
			}
			OutsideTracedWork.resume(outside);
		}
	}

	private Inbound begin(HttpServletRequest request, HttpServletResponse response) {
		Inbound inbound = this.inbound.extract(Layer.HTTP, request, GETTER, () -> this.inbound.trusts(peer(request)),
				Kind.ROUTE, pathWithinApplication(request));
		String traceId = inbound.traceId();
		request.setAttribute(TRACE_ID_ATTRIBUTE, traceId);
		String headerName = this.responseHeader.headerFor(inbound.resolved());
		if (headerName != null && !response.isCommitted()) {
			response.setHeader(headerName, traceId);
		}
		if (inbound.sampling() != Request.NONE) {
			request.setAttribute(SAMPLED_ATTRIBUTE, inbound.sampling());
		}
		if (inbound.w3c() != null) {
			request.setAttribute(W3C_ATTRIBUTE, inbound.w3c());
		}
		return inbound;
	}

	// The request ends with the last dispatch that does not start async processing.
	private static void endSampling(HttpServletRequest request, HttpServletResponse response, boolean failed) {
		if (request.isAsyncStarted() || !(request.getAttribute(SAMPLED_ATTRIBUTE) instanceof Request sampled)) {
			return;
		}
		sampled.end(failed || response.getStatus() >= 500);
	}

	private static String pathWithinApplication(HttpServletRequest request) {
		String uri = request.getRequestURI();
		String contextPath = request.getContextPath();
		return (contextPath != null && !contextPath.isEmpty() && uri.startsWith(contextPath))
				? uri.substring(contextPath.length()) : uri;
	}

	private static @Nullable InetAddress peer(HttpServletRequest request) {
		return IpLiterals.parse(request.getRemoteAddr());
	}

	private static final class RequestGetter implements InboundGetter<HttpServletRequest> {

		@Override
		public @Nullable String get(HttpServletRequest request, InboundSource source) {
			return switch (source.type()) {
				case HEADER, TRACEPARENT -> request.getHeader(source.name());
				// Read from the query string only: getParameter would consume a form
				// body.
				case QUERY -> QueryParameters.first(request.getQueryString(), source.name());
			};
		}

		@Override
		public List<String> all(HttpServletRequest request, InboundSource source) {
			Enumeration<String> values = request.getHeaders(source.name());
			return (values != null) ? Collections.list(values) : List.of();
		}

	}

}
