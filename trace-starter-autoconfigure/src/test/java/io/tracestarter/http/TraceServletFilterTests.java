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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.tracestarter.core.InboundSource;
import io.tracestarter.core.InboundTrust;
import io.tracestarter.core.InboundTrust.Policy;
import io.tracestarter.core.Layer;
import io.tracestarter.core.RecordingHops;
import io.tracestarter.core.RequestSampling;
import io.tracestarter.core.RequestSampling.Request;
import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceIdResolver;
import io.tracestarter.core.TraceIdValidator;
import io.tracestarter.core.TraceMetrics;
import io.tracestarter.core.TraceScope;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.ServletResponseWrapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The servlet filter on mock requests: the id it resolves is current (and in the MDC) for
 * the rest of the chain only, is kept on the request for later dispatches, is echoed in
 * the response as the policy says, and the request's sampling handle is ended once, when
 * the last dispatch ends.
 */
class TraceServletFilterTests {

	private final TraceMetrics metrics = new TraceMetrics();

	private final RecordingHops hops = new RecordingHops();

	private final AtomicInteger generated = new AtomicInteger();

	private final RecordingSampling sampling = new RecordingSampling();

	private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/orders");

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	private final List<String> seen = new ArrayList<>();

	private final FilterChain recordingChain = (request, response) -> this.seen
		.add(TraceContext.currentTraceId() + " " + MDC.get(TraceContext.MDC_KEY));

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
	void requestWithoutHeaderGetsGeneratedIdAndClearsItAfterChain() throws Exception {
		filter(InboundTrust.all(), "X-Trace-ID").doFilter(this.request, this.response, this.recordingChain);
		assertThat(this.seen).containsExactly("generated-1 generated-1");
		assertThat(this.response.getHeader("X-Trace-ID")).isEqualTo("generated-1");
		assertThat(this.request.getAttribute(TraceServletFilter.TRACE_ID_ATTRIBUTE)).isEqualTo("generated-1");
		assertThat(this.hops.hops()).containsExactly("generated-1 http in");
		assertThat(this.metrics.count(TraceMetrics.GENERATED, Layer.HTTP, null)).isOne();
	}

	@Test
	void aTrustedCallersHeaderIsUsedAndEchoed() throws Exception {
		this.request.addHeader("X-Trace-ID", "caller-1");
		filter(InboundTrust.all(), "X-Trace-ID").doFilter(this.request, this.response, this.recordingChain);
		assertThat(this.seen).containsExactly("caller-1 caller-1");
		assertThat(this.response.getHeader("X-Trace-ID")).isEqualTo("caller-1");
		assertThat(this.metrics.count(TraceMetrics.EXTRACTED, Layer.HTTP, "header:X-Trace-ID")).isOne();
		assertThat(this.generated).hasValue(0);
	}

	@Test
	void theQueryStringIsReadButAFormBodyParameterIsNot() throws Exception {
		TraceServletFilter filter = filter(InboundTrust.all(), "X-Trace-ID");
		this.request.setQueryString("traceId=query-1");
		filter.doFilter(this.request, this.response, this.recordingChain);
		MockHttpServletRequest form = new MockHttpServletRequest("POST", "/orders");
		form.setParameter("traceId", "form-1");
		filter.doFilter(form, new MockHttpServletResponse(), this.recordingChain);
		assertThat(this.seen).containsExactly("query-1 query-1", "generated-1 generated-1");
	}

	@Test
	void anUntrustedPeersIdIsReplacedATrustedPeersIsKept() throws Exception {
		TraceServletFilter filter = filter(new InboundTrust(Policy.TRUSTED_PROXIES, List.of("10.0.0.0/8")),
				"X-Trace-ID");
		this.request.addHeader("X-Trace-ID", "outsider-1");
		this.request.setRemoteAddr("192.168.1.1");
		filter.doFilter(this.request, this.response, this.recordingChain);
		MockHttpServletRequest inside = new MockHttpServletRequest("GET", "/orders");
		inside.addHeader("X-Trace-ID", "insider-1");
		inside.setRemoteAddr("10.1.2.3");
		filter.doFilter(inside, new MockHttpServletResponse(), this.recordingChain);
		assertThat(this.seen).hasSize(2);
		assertThat(this.seen.get(0)).doesNotContain("outsider-1").matches("([0-9a-f]{32}) \\1");
		assertThat(this.seen.get(1)).isEqualTo("insider-1 insider-1");
		assertThat(this.metrics.count(TraceMetrics.REJECTED, Layer.HTTP, "untrusted")).isOne();
	}

	@Test
	void aLaterDispatchReusesTheRequestsIdWithoutResolvingAgain() throws Exception {
		this.request.setAttribute(TraceServletFilter.TRACE_ID_ATTRIBUTE, "first-dispatch-1");
		this.request.addHeader("X-Trace-ID", "ignored-1");
		filter(InboundTrust.all(), "X-Trace-ID").doFilter(this.request, this.response, this.recordingChain);
		assertThat(this.seen).containsExactly("first-dispatch-1 first-dispatch-1");
		assertThat(this.response.getHeader("X-Trace-ID")).isNull();
		assertThat(this.hops.hops()).isEmpty();
		assertThat(this.sampling.begun).isEmpty();
	}

	@Test
	void theResponseHeaderFollowsThePolicy() throws Exception {
		new TraceServletFilter(resolver(), new ResponseHeaderPolicy("X-Trace-ID", true), this.hops, InboundTrust.all(),
				this.sampling)
			.doFilter(this.request, this.response, this.recordingChain);
		new TraceServletFilter(resolver(), new ResponseHeaderPolicy(null), this.hops, InboundTrust.all(), this.sampling)
			.doFilter(new MockHttpServletRequest("GET", "/"), this.response, this.recordingChain);
		MockHttpServletResponse committed = new MockHttpServletResponse();
		committed.setCommitted(true);
		filter(InboundTrust.all(), "X-Trace-ID").doFilter(new MockHttpServletRequest("GET", "/"), committed,
				this.recordingChain);
		assertThat(this.seen).containsExactly("generated-1 generated-1", "generated-2 generated-2",
				"generated-3 generated-3");
		assertThat(this.response.getHeaderNames()).isEmpty();
		assertThat(committed.getHeaderNames()).isEmpty();
	}

	@Test
	void theCallersIdComesBackAfterTheChain() throws Exception {
		try (TraceScope scope = TraceScope.open("outer-1")) {
			filter(InboundTrust.all(), "X-Trace-ID").doFilter(this.request, this.response, this.recordingChain);
			assertThat(TraceContext.currentTraceId()).isEqualTo("outer-1");
			assertThat(MDC.get(TraceContext.MDC_KEY)).isEqualTo("outer-1");
		}
		assertThat(this.seen).containsExactly("generated-1 generated-1");
	}

	@Test
	void aRequestThatIsNotHttpIsPassedOnUntouched() throws Exception {
		ServletRequestWrapper plain = new ServletRequestWrapper(this.request);
		ServletResponseWrapper plainResponse = new ServletResponseWrapper(this.response);
		MockFilterChain chain = new MockFilterChain();
		filter(InboundTrust.all(), "X-Trace-ID").doFilter(plain, plainResponse, chain);
		assertThat(chain.getRequest()).isSameAs(plain);
		assertThat(chain.getResponse()).isSameAs(plainResponse);
		assertThat(this.hops.hops()).isEmpty();
		assertThat(this.request.getAttribute(TraceServletFilter.TRACE_ID_ATTRIBUTE)).isNull();
	}

	@Test
	void samplingIsBegunWithThePathWithinTheApplication() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/shop/orders/7");
		request.setContextPath("/shop");
		filter(InboundTrust.all(), "X-Trace-ID").doFilter(request, this.response, this.recordingChain);
		assertThat(this.sampling.begun).containsExactly("generated-1 ROUTE /orders/7");
	}

	@Test
	void aSuccessfulRequestEndsItsSamplingAsNotFailed() throws Exception {
		filter(InboundTrust.all(), "X-Trace-ID").doFilter(this.request, this.response, this.recordingChain);
		assertThat(this.sampling.ended).containsExactly("generated-1 failed=false");
	}

	@Test
	void aServerErrorStatusEndsItsSamplingAsFailed() throws Exception {
		filter(InboundTrust.all(), "X-Trace-ID").doFilter(this.request, this.response,
				(request, response) -> this.response.setStatus(503));
		assertThat(this.sampling.ended).containsExactly("generated-1 failed=true");
	}

	@Test
	void anAsyncStartKeepsSamplingOpenUntilTheLastDispatch() throws Exception {
		TraceServletFilter filter = filter(InboundTrust.all(), "X-Trace-ID");
		this.request.setAsyncSupported(true);
		filter.doFilter(this.request, this.response, (request, response) -> request.startAsync());
		assertThat(this.sampling.ended).isEmpty();
		this.request.setAsyncStarted(false);
		filter.doFilter(this.request, this.response, this.recordingChain);
		assertThat(this.seen).containsExactly("generated-1 generated-1");
		assertThat(this.sampling.ended).containsExactly("generated-1 failed=false");
		assertThat(this.sampling.begun).hasSize(1);
	}

	@Test
	void aFailingChainWithoutTheValveClearsTheIdAndEndsSamplingAsFailed() {
		assertThatExceptionOfType(ServletException.class).isThrownBy(() -> filter(InboundTrust.all(), "X-Trace-ID")
			.doFilter(this.request, this.response, (request, response) -> {
				throw new ServletException("handler failed");
			})).withMessage("handler failed");
		assertThat(TraceContext.currentTraceId()).isNull();
		assertThat(this.sampling.ended).containsExactly("generated-1 failed=true");
	}

	@Test
	void aFailingChainUnderTheValveLeavesTheIdForTheContainersErrorLine() {
		this.request.setAttribute(TraceCleanupValve.PRESENT_ATTRIBUTE, Boolean.TRUE);
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> filter(InboundTrust.all(), "X-Trace-ID")
			.doFilter(this.request, this.response, (request, response) -> {
				throw new IOException("client went away");
			}));
		assertThat(TraceContext.currentTraceId()).isEqualTo("generated-1");
		assertThat(MDC.get(TraceContext.MDC_KEY)).isEqualTo("generated-1");
		// What the valve does when the request leaves.
		TraceScope.open(null);
	}

	private TraceServletFilter filter(InboundTrust trust, String headerName) {
		return new TraceServletFilter(resolver(), new ResponseHeaderPolicy(headerName), this.hops, trust,
				this.sampling);
	}

	private TraceIdResolver resolver() {
		return new TraceIdResolver(List.of(InboundSource.of("header:X-Trace-ID"), InboundSource.of("query:traceId")),
				new TraceIdValidator(128), () -> "generated-" + this.generated.incrementAndGet(), this.metrics);
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
