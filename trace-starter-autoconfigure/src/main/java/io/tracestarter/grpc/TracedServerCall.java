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

package io.tracestarter.grpc;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.tracestarter.core.RequestSampling.Request;
import io.tracestarter.core.TraceScope;
import io.tracestarter.core.W3cTraceContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server call that sends its trace id back, in the response headers or, for a call that
 * fails before any response, in the trailers; logs a status other than OK under the id,
 * and ends log sampling with the call's outcome.
 *
 * @param <Q> the request type
 * @param <R> the response type
 */
final class TracedServerCall<Q, R> extends SimpleForwardingServerCall<Q, R> {

	private static final Logger logger = LoggerFactory.getLogger(TraceServerInterceptor.class);

	private final String traceId;

	private final @Nullable W3cTraceContext w3c;

	private final Request sampled;

	private volatile boolean headersSent;

	TracedServerCall(ServerCall<Q, R> call, String traceId, @Nullable W3cTraceContext w3c, Request sampled) {
		super(call);
		this.traceId = traceId;
		this.w3c = w3c;
		this.sampled = sampled;
	}

	@Override
	public void sendHeaders(Metadata responseHeaders) {
		responseHeaders.put(TraceServerInterceptor.TRACE_ID_KEY, this.traceId);
		this.headersSent = true;
		super.sendHeaders(responseHeaders);
	}

	@Override
	public void close(Status status, Metadata trailers) {
		if (!this.headersSent) {
			trailers.put(TraceServerInterceptor.TRACE_ID_KEY, this.traceId);
		}
		if (!status.isOk()) {
			try (TraceScope scope = TraceScope.open(this.traceId, this.w3c)) {
				logger.debug("gRPC call {} ended with status {}", getMethodDescriptor().getFullMethodName(),
						status.getCode());
			}
		}
		super.close(status, trailers);
		this.sampled.end(!status.isOk());
	}

}
