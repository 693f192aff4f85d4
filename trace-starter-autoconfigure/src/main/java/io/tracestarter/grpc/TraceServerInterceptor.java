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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.tracestarter.core.InboundGetter;
import io.tracestarter.core.InboundPropagation;
import io.tracestarter.core.InboundPropagation.Inbound;
import io.tracestarter.core.InboundSource;
import io.tracestarter.core.InboundTrust;
import io.tracestarter.core.Layer;
import io.tracestarter.core.RequestSampling;
import io.tracestarter.core.RequestSampling.Kind;
import io.tracestarter.core.TraceHopRecorder;
import io.tracestarter.core.TraceIdResolver;
import io.tracestarter.core.TraceScope;
import io.tracestarter.core.W3cParticipation;
import io.tracestarter.core.W3cTraceContext;
import org.jspecify.annotations.Nullable;

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

	static final Metadata.Key<String> TRACE_ID_KEY = Metadata.Key.of("x-trace-id", Metadata.ASCII_STRING_MARSHALLER);

	static final Metadata.Key<String> SAMPLED_KEY = Metadata.Key
		.of(RequestSampling.SAMPLED_HEADER.toLowerCase(Locale.ROOT), Metadata.ASCII_STRING_MARSHALLER);

	static final Metadata.Key<String> TRACEPARENT_KEY = Metadata.Key.of(W3cTraceContext.TRACEPARENT,
			Metadata.ASCII_STRING_MARSHALLER);

	static final Metadata.Key<String> TRACESTATE_KEY = Metadata.Key.of(W3cTraceContext.TRACESTATE,
			Metadata.ASCII_STRING_MARSHALLER);

	private final InboundPropagation inbound;

	/**
	 * Metadata keys of the header sources, made once: making a key validates its name.
	 */
	private final Map<InboundSource, Metadata.Key<String>> keys;

	private final InboundGetter<Metadata> getter = new MetadataGetter();

	TraceServerInterceptor(TraceIdResolver resolver, TraceHopRecorder hops, InboundTrust trust,
			RequestSampling sampling) {
		this.inbound = new InboundPropagation(resolver, trust, hops, sampling);
		Map<InboundSource, Metadata.Key<String>> keys = new HashMap<>();
		for (InboundSource source : resolver.getSources()) {
			if (source.type() != InboundSource.Type.QUERY) {
				// gRPC metadata keys are lowercase ASCII; HTTP/2 header names too.
				keys.put(source,
						Metadata.Key.of(source.name().toLowerCase(Locale.ROOT), Metadata.ASCII_STRING_MARSHALLER));
			}
		}
		keys.put(InboundPropagation.SAMPLED_SOURCE, SAMPLED_KEY);
		keys.put(W3cParticipation.TRACEPARENT_SOURCE, TRACEPARENT_KEY);
		keys.put(W3cParticipation.TRACESTATE_SOURCE, TRACESTATE_KEY);
		this.keys = Map.copyOf(keys);
	}

	@Override
	public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
			ServerCallHandler<Q, R> next) {
		String method = call.getMethodDescriptor().getFullMethodName();
		Inbound inbound = this.inbound.extract(Layer.GRPC, headers, this.getter, () -> trusted(call), Kind.GRPC_METHOD,
				method);
		String traceId = inbound.traceId();
		W3cTraceContext w3c = inbound.w3c();
		if (inbound.resolved().untrustedInbound() != null) {
			try (TraceScope scope = inbound.open()) {
				inbound.logIfReplaced();
			}
		}
		ServerCall.Listener<Q> listener;
		try (TraceScope scope = inbound.open()) {
			listener = next.startCall(new TracedServerCall<>(call, traceId, w3c, inbound.sampling()), headers);
		}
		catch (RuntimeException | Error ex) {
			inbound.sampling().end(true);
			throw ex;
		}
		return new TracedServerCallListener<>(listener, traceId, w3c, method, inbound.sampling());
	}

	private boolean trusted(ServerCall<?, ?> call) {
		return GrpcPeer.trusted(this.inbound, call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
	}

	private final class MetadataGetter implements InboundGetter<Metadata> {

		@Override
		public @Nullable String get(Metadata headers, InboundSource source) {
			Metadata.Key<String> key = TraceServerInterceptor.this.keys.get(source);
			return (key != null) ? headers.get(key) : null;
		}

		// Asked for traceparent on every call, which mostly brings one: a list of its own
		// only for a second value.
		@Override
		public List<String> all(Metadata headers, InboundSource source) {
			Metadata.Key<String> key = TraceServerInterceptor.this.keys.get(source);
			Iterable<String> values = (key != null) ? headers.getAll(key) : null;
			if (values == null) {
				return List.of();
			}
			Iterator<String> each = values.iterator();
			String first = each.next();
			if (!each.hasNext()) {
				return List.of(first);
			}
			List<String> list = new ArrayList<>();
			list.add(first);
			each.forEachRemaining(list::add);
			return list;
		}

	}

}
