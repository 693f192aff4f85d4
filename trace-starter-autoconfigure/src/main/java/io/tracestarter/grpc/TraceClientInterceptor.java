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

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.tracestarter.core.OutboundPropagation;
import io.tracestarter.core.OutboundSetter;
import io.tracestarter.core.RequestSampling;
import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceHopRecorder;
import io.tracestarter.core.TraceMetrics;
import io.tracestarter.core.W3cTraceContext;

/**
 * Sends the caller's trace id as {@code x-trace-id} metadata on every outbound call
 * (nothing when the caller has none), and runs the call's callbacks (response listener,
 * async stub observers, future stub completions) under that id, though gRPC runs them on
 * its own threads. W3C Trace Context goes with it when the starter takes part in it (no
 * tracer).
 *
 * @since 0.1.0
 */
public final class TraceClientInterceptor implements ClientInterceptor {

	static final OutboundSetter<Metadata> METADATA = new OutboundSetter<>() {

		@Override
		public boolean isSet(Metadata headers) {
			return headers.containsKey(TraceServerInterceptor.TRACE_ID_KEY);
		}

		@Override
		public void set(Metadata headers, String traceId) {
			headers.put(TraceServerInterceptor.TRACE_ID_KEY, traceId);
		}

		@Override
		public void setSampledOut(Metadata headers) {
			headers.put(TraceServerInterceptor.SAMPLED_KEY, RequestSampling.SAMPLED_OUT);
		}

		@Override
		public boolean hasTraceparent(Metadata headers) {
			return headers.containsKey(TraceServerInterceptor.TRACEPARENT_KEY);
		}

		@Override
		public void setW3c(Metadata headers, String traceparent, String tracestate) {
			headers.put(TraceServerInterceptor.TRACEPARENT_KEY, traceparent);
			if (!tracestate.isEmpty()) {
				headers.put(TraceServerInterceptor.TRACESTATE_KEY, tracestate);
			}
		}

	};

	private final OutboundPropagation outbound;

	TraceClientInterceptor(TraceMetrics metrics, TraceHopRecorder hops) {
		this(metrics, hops, RequestSampling.none());
	}

	TraceClientInterceptor(TraceMetrics metrics, TraceHopRecorder hops, RequestSampling sampling) {
		this.outbound = new OutboundPropagation(metrics, hops, sampling);
	}

	@Override
	public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions callOptions, Channel next) {
		String traceId = TraceContext.currentTraceId();
		if (traceId == null) {
			return next.newCall(method, callOptions);
		}
		return new TracedClientCall<>(next.newCall(method, callOptions), traceId, W3cTraceContext.current(),
				this.outbound);
	}

}
