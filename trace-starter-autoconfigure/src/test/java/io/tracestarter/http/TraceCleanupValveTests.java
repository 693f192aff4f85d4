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

import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceScope;
import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The engine valve that ends a request's id on Tomcat's worker thread: whatever the
 * request's filters and error pages leave on the thread, normally or by failing, is gone
 * once the valve returns, and the request is marked so the filter knows the valve is
 * there.
 */
class TraceCleanupValveTests {

	private final TraceCleanupValve valve = new TraceCleanupValve();

	private final Request request = new Request(new Connector(), new org.apache.coyote.Request());

	private final Response response = new Response(new org.apache.coyote.Response());

	private final List<String> seen = new ArrayList<>();

	@AfterEach
	void noIdLeftOnTheTestThread() {
		try {
			assertThat(TraceContext.currentTraceId()).isNull();
			assertThat(MDC.get(TraceContext.MDC_KEY)).isNull();
		}
		finally {
			// A failing test must not fail the next ones on this thread.
			TraceScope.open(null);
		}
	}

	@Test
	void supportsAsyncRequests() {
		assertThat(this.valve.isAsyncSupported()).isTrue();
	}

	@Test
	void theRequestIsMarkedAndStartsWithoutAnId() throws Exception {
		this.valve.setNext(new Next((request) -> {
			this.seen.add(String.valueOf(request.getAttribute(TraceCleanupValve.PRESENT_ATTRIBUTE)));
			this.seen.add(String.valueOf(TraceContext.currentTraceId()));
		}));
		this.valve.invoke(this.request, this.response);
		assertThat(this.seen).containsExactly("true", "null");
	}

	@Test
	void anIdLeftOnTheThreadByTheRequestIsCleared() throws Exception {
		// As the filter does when the chain throws: it leaves its scope open for the
		// lines Tomcat writes afterwards.
		this.valve.setNext(new Next((request) -> TraceContext.open("left-open")));
		this.valve.invoke(this.request, this.response);
		assertThat(TraceContext.currentTraceId()).isNull();
		assertThat(MDC.get(TraceContext.MDC_KEY)).isNull();
	}

	@Test
	void anIdIsClearedAlsoWhenTheRequestFails() {
		this.valve.setNext(new Next((request) -> {
			TraceContext.open("failing");
			throw new ServletException("error page failed too");
		}));
		assertThatExceptionOfType(ServletException.class)
			.isThrownBy(() -> this.valve.invoke(this.request, this.response))
			.withMessage("error page failed too");
		assertThat(TraceContext.currentTraceId()).isNull();
		assertThat(MDC.get(TraceContext.MDC_KEY)).isNull();
	}

	@Test
	void nestedScopesLeftOpenAreAllCleared() throws Exception {
		this.valve.setNext(new Next((request) -> {
			TraceContext.open("outer");
			TraceContext.open("inner");
			throw new IOException("client went away");
		}));
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> this.valve.invoke(this.request, this.response));
		assertThat(TraceContext.currentTraceId()).isNull();
	}

	@Test
	void theThreadIsCleanForTheNextRequest() throws Exception {
		this.valve.setNext(new Next((request) -> {
			this.seen.add(String.valueOf(TraceContext.currentTraceId()));
			TraceContext.open("request-" + this.seen.size());
		}));
		this.valve.invoke(this.request, this.response);
		this.valve.invoke(new Request(new Connector(), new org.apache.coyote.Request()), this.response);
		assertThat(this.seen).containsExactly("null", "null");
	}

	@FunctionalInterface
	interface Work {

		void run(Request request) throws IOException, ServletException;

	}

	static final class Next extends ValveBase {

		private final Work work;

		Next(Work work) {
			super(true);
			this.work = work;
		}

		@Override
		public void invoke(Request request, Response response) throws IOException, ServletException {
			this.work.run(request);
		}

	}

}
