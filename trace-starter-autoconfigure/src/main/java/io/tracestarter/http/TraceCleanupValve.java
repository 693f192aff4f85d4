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

import io.tracestarter.core.OutsideTracedWork;
import io.tracestarter.core.TraceScope;
import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * Tomcat engine valve that clears the trace id when Tomcat is done with a request,
 * error-page dispatch included. With it in place the {@link TraceServletFilter} can leave
 * the id set when the filter chain throws, so the lines Tomcat logs for the escaped
 * exception ("Servlet.service() ... threw exception", written after every filter has
 * returned) and for a failing error page still carry it; nothing stays on the pooled
 * thread. It also marks the thread as {@link OutsideTracedWork} for the whole request:
 * what Tomcat logs before the filter resolved the id (a lazy servlet's initialisation) is
 * not a break point.
 */
final class TraceCleanupValve extends ValveBase {

	static final String PRESENT_ATTRIBUTE = TraceCleanupValve.class.getName() + ".present";

	TraceCleanupValve() {
		super(true);
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		request.setAttribute(PRESENT_ATTRIBUTE, Boolean.TRUE);
		OutsideTracedWork.enter();
		try {
			getNext().invoke(request, response);
		}
		finally {
			// Cleared, not restored: a scope opened here on a clean thread is a no-op
			// that would leave a failing request's id (kept by the filter for Tomcat's
			// own lines) on the worker thread.
			TraceScope.open(null);
			OutsideTracedWork.leave();
		}
	}

}
