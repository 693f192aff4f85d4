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

import io.tracestarter.core.OutsideTracedWork;
import io.tracestarter.core.TraceScope;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's counterpart of the {@link TraceCleanupValve}'s mark: wraps the server's
 * handler, so the thread that handles a request is {@link OutsideTracedWork} for the
 * whole request, and what Jetty logs before the {@link TraceServletFilter} resolved the
 * id (a lazy servlet's initialisation) is not a break point. The filter lifts the mark
 * while the id is current. Nothing stays on the pooled thread: the mark is cleared and
 * the id too, when the handler returns. It does not take over the valve's other role: the
 * filter closes the id itself on Jetty, as it does wherever the valve is absent.
 */
final class TraceJettyHandler extends Handler.Wrapper {

	TraceJettyHandler(Handler handler) {
		super(handler);
	}

	@Override
	public boolean handle(Request request, Response response, Callback callback) throws Exception {
		OutsideTracedWork.enter();
		try {
			return super.handle(request, response, callback);
		}
		finally {
			TraceScope.open(null);
			OutsideTracedWork.leave();
		}
	}

}
