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

package io.tracestarter.core;

import java.net.InetAddress;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.tracestarter.core.RequestSampling.Kind;
import io.tracestarter.core.RequestSampling.Request;
import io.tracestarter.core.TraceIdResolver.ResolvedTraceId;
import org.jspecify.annotations.Nullable;

/**
 * The one inbound path every transport takes: resolve the id from the carrier (valid
 * values only, from trusted peers only), record the hop, and begin log sampling. A
 * transport supplies only an {@link InboundGetter} for its carrier and what it knows of
 * the peer.
 *
 * @since 0.1.0
 */
public final class InboundPropagation {

	/** Where a carrier says the trace was sampled out upstream. */
	public static final InboundSource SAMPLED_SOURCE = InboundSource.of("header:" + RequestSampling.SAMPLED_HEADER);

	private final TraceIdResolver resolver;

	private final InboundTrust trust;

	private final TraceHopRecorder hops;

	private final RequestSampling sampling;

	private static final BooleanSupplier TRUSTED = () -> true;

	// Made once: a method reference to a field's method is a new object per request.
	private final Supplier<String> newId;

	public InboundPropagation(TraceIdResolver resolver, InboundTrust trust, TraceHopRecorder hops,
			RequestSampling sampling) {
		this.resolver = resolver;
		this.trust = trust;
		this.hops = hops;
		this.sampling = sampling;
		this.newId = () -> this.resolver.newId();
	}

	/**
	 * Take the id of one inbound request or call, with a new id from the configured
	 * generator when none arrived.
	 * @param <C> the carrier
	 * @param layer the layer
	 * @param carrier the carrier
	 * @param getter reads the carrier
	 * @param trusted answers whether the peer may set the id; asked only when a valid
	 * value arrived
	 * @param kind what {@code name} is, for log sampling
	 * @param name the request path or gRPC method
	 * @return the id, how it was found, and the sampling handle to end
	 */
	public <C> Inbound extract(Layer layer, C carrier, InboundGetter<C> getter, BooleanSupplier trusted, Kind kind,
			String name) {
		return extract(layer, carrier, getter, trusted, this.newId, kind, name);
	}

	/**
	 * Take the id of one inbound request, call or record.
	 * @param <C> the carrier
	 * @param layer the layer
	 * @param carrier the carrier
	 * @param getter reads the carrier
	 * @param trusted answers whether the peer may set the id; asked only when a valid
	 * value arrived
	 * @param fallback makes the id when none arrived
	 * @param kind what {@code name} is, for log sampling
	 * @param name the request path, gRPC method or Kafka topic
	 * @return the id, how it was found, and the sampling handle to end
	 */
	public <C> Inbound extract(Layer layer, C carrier, InboundGetter<C> getter, BooleanSupplier trusted,
			Supplier<String> fallback, Kind kind, String name) {
		ResolvedTraceId resolved = this.resolver.resolve(layer, (source) -> getter.get(carrier, source), fallback,
				trusted);
		this.hops.record(resolved.traceId(), layer, HopEvent.IN);
		// The decision travels with the id: only an id that came in can bring one.
		boolean sampledOutUpstream = this.sampling != RequestSampling.none() && resolved.isInbound()
				&& RequestSampling.SAMPLED_OUT.equals(getter.get(carrier, SAMPLED_SOURCE));
		return new Inbound(resolved, layer, this.sampling.begin(resolved.traceId(), kind, name, sampledOutUpstream),
				W3cParticipation.inbound(carrier, getter, resolved, trusted));
	}

	/**
	 * Take the id a peer sent with one inbound request, but make none when nothing valid
	 * arrived: the transport then makes it later with
	 * {@link #generated(Layer, Supplier, Kind, String)}. Together the two resolve the
	 * request once.
	 * @param <C> the carrier
	 * @param layer the layer
	 * @param carrier the carrier
	 * @param getter reads the carrier
	 * @param trusted answers whether the peer may set the id; asked only when a valid
	 * value arrived
	 * @param kind what {@code name} is, for log sampling
	 * @param name the request path
	 * @return the id, how it was found, and the sampling handle to end; {@code null} when
	 * no valid value arrived
	 */
	public <C> @Nullable Inbound extractSent(Layer layer, C carrier, InboundGetter<C> getter, BooleanSupplier trusted,
			Kind kind, String name) {
		ResolvedTraceId resolved = this.resolver.resolveSent(layer, (source) -> getter.get(carrier, source), trusted);
		return (resolved != null)
				? begin(resolved, layer, kind, name, W3cParticipation.inbound(carrier, getter, resolved, trusted))
				: null;
	}

	/**
	 * Make the id of an inbound request for which {@link #extractSent} found none.
	 * @param layer the layer
	 * @param fallback makes the id
	 * @param kind what {@code name} is, for log sampling
	 * @param name the request path
	 * @return the id and the sampling handle to end
	 */
	public Inbound generated(Layer layer, Supplier<String> fallback, Kind kind, String name) {
		ResolvedTraceId resolved = this.resolver.generated(layer, fallback);
		return begin(resolved, layer, kind, name, W3cParticipation.started(resolved.traceId()));
	}

	private Inbound begin(ResolvedTraceId resolved, Layer layer, Kind kind, String name,
			@Nullable W3cTraceContext w3c) {
		this.hops.record(resolved.traceId(), layer, HopEvent.IN);
		return new Inbound(resolved, layer, this.sampling.begin(resolved.traceId(), kind, name), w3c);
	}

	/**
	 * Take the id of one inbound unit of work that log sampling does not follow (the
	 * records of a batch).
	 * @param <C> the carrier
	 * @param layer the layer
	 * @param carrier the carrier
	 * @param getter reads the carrier
	 * @param fallback makes the id when none arrived
	 * @return the id and how it was found
	 */
	public <C> Inbound extract(Layer layer, C carrier, InboundGetter<C> getter, Supplier<String> fallback) {
		ResolvedTraceId resolved = this.resolver.resolve(layer, (source) -> getter.get(carrier, source), fallback,
				() -> true);
		this.hops.record(resolved.traceId(), layer, HopEvent.IN);
		return new Inbound(resolved, layer, Request.NONE, W3cParticipation.inbound(carrier, getter, resolved, TRUSTED));
	}

	/**
	 * Return whether {@code peer} may set the id, for a transport that knows the peer's
	 * address.
	 * @param peer the peer's address, or {@code null} when unknown
	 * @return {@code true} when the trust policy accepts it
	 */
	public boolean trusts(@Nullable InetAddress peer) {
		return this.trust.trusts(peer);
	}

	/**
	 * Return whether a peer in this very host or process (a gRPC in-process channel, a
	 * Unix domain socket) may set the id: such a peer is judged as a loopback address.
	 * @return {@code true} when the trust policy accepts a loopback peer
	 */
	public boolean trustsLocalPeer() {
		return this.trust.trustsLocalPeer();
	}

	/**
	 * Return a new id from the configured generator, not counted.
	 * @return the id
	 */
	public String newId() {
		return this.resolver.newId();
	}

	/**
	 * One inbound request, call or record.
	 *
	 * @param resolved the id and how it was found
	 * @param layer the layer it came in by
	 * @param sampling the sampling handle to end when the work ends
	 * @param w3c the work's W3C Trace Context, or {@code null} when the starter does not
	 * take part in it (a tracer owns it)
	 */
	public record Inbound(ResolvedTraceId resolved, Layer layer, Request sampling, @Nullable W3cTraceContext w3c) {

		/**
		 * Return the id.
		 * @return the id
		 */
		public String traceId() {
			return this.resolved.traceId();
		}

		/**
		 * Make the id and the W3C Trace Context current on this thread.
		 * @return the scope to close
		 */
		public TraceScope open() {
			return TraceScope.open(this.resolved.traceId(), this.w3c);
		}

		/**
		 * Write the line that links an untrusted caller's id to ours, if the caller's was
		 * replaced; call it while the id is current.
		 */
		public void logIfReplaced() {
			UntrustedInboundLog.logIfReplaced(this.resolved, this.layer.tag());
		}

	}

}
