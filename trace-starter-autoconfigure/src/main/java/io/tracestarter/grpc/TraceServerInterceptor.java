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

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.tracestarter.core.InboundSource;
import io.tracestarter.core.InboundTrust;
import io.tracestarter.core.RequestSampling;
import io.tracestarter.core.RequestSampling.Kind;
import io.tracestarter.core.RequestSampling.Request;
import io.tracestarter.core.TraceHopRecorder;
import io.tracestarter.core.TraceIdResolver;
import io.tracestarter.core.TraceIdResolver.ResolvedTraceId;
import io.tracestarter.core.TraceScope;
import io.tracestarter.core.UntrustedInboundLog;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every server call its trace id: from metadata {@code x-trace-id}, else
 * {@code traceparent}, else {@code x-request-id} (the sources of
 * {@code trace.id.sources}, validated like HTTP), else a new one. The id is current for
 * the service method and for every callback of the call, on whichever executor thread
 * gRPC runs it, and removed after each; the response headers (or, for a call that fails
 * before any response, the trailers) carry {@code x-trace-id}. A call that ends with a
 * status other than OK, or is cancelled, logs its end under its id.
 *
 * @since 0.1.0
 */
public final class TraceServerInterceptor implements ServerInterceptor {

	static final String LAYER = "grpc";

	static final Metadata.Key<String> TRACE_ID_KEY = Metadata.Key.of("x-trace-id", Metadata.ASCII_STRING_MARSHALLER);

	private static final Logger logger = LoggerFactory.getLogger(TraceServerInterceptor.class);

	private final TraceIdResolver resolver;

	private final TraceHopRecorder hops;

	private final InboundTrust trust;

	private final RequestSampling sampling;

	/**
	 * Metadata keys of the header sources, made once: making a key validates its name.
	 */
	private final Map<InboundSource, Metadata.Key<String>> keys;

	TraceServerInterceptor(TraceIdResolver resolver, TraceHopRecorder hops, InboundTrust trust,
			RequestSampling sampling) {
		this.resolver = resolver;
		this.hops = hops;
		this.trust = trust;
		this.sampling = sampling;
		Map<InboundSource, Metadata.Key<String>> keys = new HashMap<>();
		for (InboundSource source : resolver.getSources()) {
			if (source.type() != InboundSource.Type.QUERY) {
				// gRPC metadata keys are lowercase ASCII; HTTP/2 header names too.
				keys.put(source,
						Metadata.Key.of(source.name().toLowerCase(Locale.ROOT), Metadata.ASCII_STRING_MARSHALLER));
			}
		}
		this.keys = Map.copyOf(keys);
	}

	@Override
	public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
			ServerCallHandler<Q, R> next) {
		ResolvedTraceId resolved = this.resolver.resolve(LAYER, (source) -> lookup(headers, source),
				() -> trusted(call));
		String traceId = resolved.traceId();
		if (resolved.untrustedInbound() != null) {
			inScope(traceId, () -> UntrustedInboundLog.logIfReplaced(resolved, LAYER));
		}
		this.hops.record(traceId, LAYER, "in");
		String method = call.getMethodDescriptor().getFullMethodName();
		Request sampled = this.sampling.begin(traceId, Kind.GRPC_METHOD, method);
		ServerCall<Q, R> traced = new SimpleForwardingServerCall<>(call) {

			private volatile boolean headersSent;

			@Override
			public void sendHeaders(Metadata responseHeaders) {
				responseHeaders.put(TRACE_ID_KEY, traceId);
				this.headersSent = true;
				super.sendHeaders(responseHeaders);
			}

			@Override
			public void close(Status status, Metadata trailers) {
				if (!this.headersSent) {
					// A call that fails before any response sends trailers only.
					trailers.put(TRACE_ID_KEY, traceId);
				}
				if (!status.isOk()) {
					inScope(traceId, () -> logger.info("gRPC call {} ended with status {}", method, status.getCode()));
				}
				super.close(status, trailers);
				sampled.end(!status.isOk());
			}

		};
		ServerCall.Listener<Q> listener;
		try (TraceScope scope = TraceScope.open(traceId)) {
			listener = next.startCall(traced, headers);
		}
		catch (RuntimeException | Error ex) {
			sampled.end(true);
			throw ex;
		}
		// Plain try blocks rather than lambdas: these run for every message of every
		// call.
		return new SimpleForwardingServerCallListener<>(listener) {

			@Override
			public void onMessage(Q message) {
				try (TraceScope scope = TraceScope.open(traceId)) {
					super.onMessage(message);
				}
			}

			@Override
			public void onHalfClose() {
				try (TraceScope scope = TraceScope.open(traceId)) {
					super.onHalfClose();
				}
			}

			@Override
			public void onCancel() {
				try (TraceScope scope = TraceScope.open(traceId)) {
					logger.info("gRPC call {} cancelled by the client or its deadline", method);
					super.onCancel();
					sampled.end(false);
				}
			}

			@Override
			public void onComplete() {
				try (TraceScope scope = TraceScope.open(traceId)) {
					super.onComplete();
				}
			}

			@Override
			public void onReady() {
				try (TraceScope scope = TraceScope.open(traceId)) {
					super.onReady();
				}
			}

		};
	}

	private boolean trusted(ServerCall<?, ?> call) {
		SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
		if (remote instanceof InetSocketAddress inet) {
			return this.trust.trusts(inet.getAddress());
		}
		// An in-process call comes from this very application.
		return remote != null || this.trust.trusts(null);
	}

	private @Nullable String lookup(Metadata headers, InboundSource source) {
		Metadata.Key<String> key = this.keys.get(source);
		return (key != null) ? headers.get(key) : null;
	}

	private static void inScope(String traceId, Runnable action) {
		try (TraceScope scope = TraceScope.open(traceId)) {
			action.run();
		}
	}

}
