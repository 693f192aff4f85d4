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

import io.grpc.ClientCall;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.Status;
import io.tracestarter.core.Layer;
import io.tracestarter.core.OutboundPropagation;
import io.tracestarter.core.TraceScope;
import io.tracestarter.core.W3cTraceContext;
import org.jspecify.annotations.Nullable;

/**
 * A client call that sends the caller's trace id in its metadata and runs every callback
 * of its response listener under that id, on whichever thread gRPC runs it.
 *
 * @param <Q> the request type
 * @param <R> the response type
 */
final class TracedClientCall<Q, R> extends SimpleForwardingClientCall<Q, R> {

	private final String traceId;

	private final @Nullable W3cTraceContext w3c;

	private final OutboundPropagation outbound;

	TracedClientCall(ClientCall<Q, R> call, String traceId, OutboundPropagation outbound) {
		this(call, traceId, null, outbound);
	}

	TracedClientCall(ClientCall<Q, R> call, String traceId, @Nullable W3cTraceContext w3c,
			OutboundPropagation outbound) {
		super(call);
		this.traceId = traceId;
		this.w3c = w3c;
		this.outbound = outbound;
	}

	@Override
	public void start(Listener<R> responseListener, Metadata headers) {
		this.outbound.inject(Layer.GRPC, headers, TraceClientInterceptor.METADATA, this.traceId, this.w3c);
		super.start(new TracedListener<>(responseListener, this.traceId, this.w3c), headers);
	}

	/**
	 * Runs the response callbacks under the call's id.
	 *
	 * @param <R> the response type
	 */
	private static final class TracedListener<R> extends SimpleForwardingClientCallListener<R> {

		private final String traceId;

		private final @Nullable W3cTraceContext w3c;

		TracedListener(Listener<R> listener, String traceId, @Nullable W3cTraceContext w3c) {
			super(listener);
			this.traceId = traceId;
			this.w3c = w3c;
		}

		@Override
		public void onHeaders(Metadata responseHeaders) {
			try (TraceScope scope = TraceScope.open(this.traceId, this.w3c)) {
				super.onHeaders(responseHeaders);
			}
		}

		@Override
		public void onMessage(R message) {
			try (TraceScope scope = TraceScope.open(this.traceId, this.w3c)) {
				super.onMessage(message);
			}
		}

		@Override
		public void onClose(Status status, Metadata trailers) {
			try (TraceScope scope = TraceScope.open(this.traceId, this.w3c)) {
				super.onClose(status, trailers);
			}
		}

		@Override
		public void onReady() {
			try (TraceScope scope = TraceScope.open(this.traceId, this.w3c)) {
				super.onReady();
			}
		}

	}

}
