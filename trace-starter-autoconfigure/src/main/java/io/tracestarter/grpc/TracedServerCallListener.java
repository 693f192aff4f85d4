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

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.ServerCall;
import io.tracestarter.core.RequestSampling.Request;
import io.tracestarter.core.TraceScope;
import io.tracestarter.core.W3cTraceContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every callback of a server call under the call's trace id, on whichever executor
 * thread gRPC runs it, and removes the id after each. Plain try blocks rather than
 * lambdas: these run for every message of every call.
 *
 * @param <Q> the request type
 */
final class TracedServerCallListener<Q> extends SimpleForwardingServerCallListener<Q> {

	private static final Logger logger = LoggerFactory.getLogger(TraceServerInterceptor.class);

	private final String traceId;

	private final @Nullable W3cTraceContext w3c;

	private final String method;

	private final Request sampled;

	TracedServerCallListener(ServerCall.Listener<Q> listener, String traceId, @Nullable W3cTraceContext w3c,
			String method, Request sampled) {
		super(listener);
		this.traceId = traceId;
		this.w3c = w3c;
		this.method = method;
		this.sampled = sampled;
	}

	@Override
	public void onMessage(Q message) {
		try (TraceScope scope = TraceScope.open(this.traceId, this.w3c)) {
			super.onMessage(message);
		}
	}

	@Override
	public void onHalfClose() {
		try (TraceScope scope = TraceScope.open(this.traceId, this.w3c)) {
			super.onHalfClose();
		}
	}

	@Override
	public void onCancel() {
		try (TraceScope scope = TraceScope.open(this.traceId, this.w3c)) {
			logger.debug("gRPC call {} cancelled by the client or its deadline", this.method);
			super.onCancel();
			this.sampled.end(false);
		}
	}

	@Override
	public void onComplete() {
		try (TraceScope scope = TraceScope.open(this.traceId, this.w3c)) {
			super.onComplete();
		}
	}

	@Override
	public void onReady() {
		try (TraceScope scope = TraceScope.open(this.traceId, this.w3c)) {
			super.onReady();
		}
	}

}
