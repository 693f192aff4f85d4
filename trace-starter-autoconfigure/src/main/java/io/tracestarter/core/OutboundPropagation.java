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

import org.jspecify.annotations.Nullable;

/**
 * The one outbound path every transport takes: put the current id into the carrier unless
 * the caller set one or the id breaks the id rules (then it is withheld and counted),
 * count it, and record the hop. A transport supplies only an {@link OutboundSetter} for
 * its carrier.
 *
 * @since 0.1.0
 */
public final class OutboundPropagation {

	private final @Nullable TraceMetrics metrics;

	private final TraceHopRecorder hops;

	private final RequestSampling sampling;

	/**
	 * Create the outbound path.
	 * @param metrics the counters, or {@code null} outside a Spring application (a
	 * producer interceptor Kafka made itself)
	 * @param hops the hop recorder
	 */
	public OutboundPropagation(@Nullable TraceMetrics metrics, TraceHopRecorder hops) {
		this(metrics, hops, RequestSampling.none());
	}

	/**
	 * Create the outbound path that also carries log sampling's decision on.
	 * @param metrics the counters, or {@code null} outside a Spring application
	 * @param hops the hop recorder
	 * @param sampling log sampling, asked whether the trace is sampled out
	 */
	public OutboundPropagation(@Nullable TraceMetrics metrics, TraceHopRecorder hops, RequestSampling sampling) {
		this.metrics = metrics;
		this.hops = hops;
		this.sampling = sampling;
	}

	/**
	 * Send the current thread's id on.
	 * @param <C> the carrier
	 * @param layer the layer
	 * @param carrier the carrier
	 * @param setter writes the carrier
	 * @return the id sent, or {@code null} when there was none or the caller set one
	 */
	public <C> @Nullable String inject(Layer layer, C carrier, OutboundSetter<C> setter) {
		String traceId = TraceContext.currentTraceId();
		return (traceId != null) ? inject(layer, carrier, setter, traceId, TraceIdHolder.w3c()) : null;
	}

	/**
	 * Send {@code traceId} on.
	 * @param <C> the carrier
	 * @param layer the layer
	 * @param carrier the carrier
	 * @param setter writes the carrier
	 * @param traceId the id
	 * @return the id sent, or {@code null} when the caller set one
	 */
	public <C> @Nullable String inject(Layer layer, C carrier, OutboundSetter<C> setter, String traceId) {
		return inject(layer, carrier, setter, traceId, null);
	}

	/**
	 * Send {@code traceId} and its W3C Trace Context on.
	 * @param <C> the carrier
	 * @param layer the layer
	 * @param carrier the carrier
	 * @param setter writes the carrier
	 * @param traceId the id
	 * @param w3c the work's W3C Trace Context; {@code null} derives one from
	 * {@code traceId} (when the starter takes part in W3C Trace Context)
	 * @return the id sent, or {@code null} when the caller set one
	 */
	public <C> @Nullable String inject(Layer layer, C carrier, OutboundSetter<C> setter, String traceId,
			@Nullable W3cTraceContext w3c) {
		injectW3c(carrier, setter, traceId, w3c);
		if (setter.isSet(carrier)) {
			return null;
		}
		// Ids reach the thread by paths that do not validate (TraceScope, a Reactor
		// context the application wrote): none that breaks the rules goes into a header.
		RejectionReason reason = ApplicationIds.check(traceId);
		if (reason != null) {
			if (this.metrics != null) {
				this.metrics.withheld(layer, reason);
			}
			return null;
		}
		setter.set(carrier, traceId);
		if (this.sampling.isSampledOut(traceId)) {
			setter.setSampledOut(carrier);
		}
		if (this.metrics != null) {
			this.metrics.propagated(layer);
		}
		this.hops.record(traceId, layer, HopEvent.OUT);
		return traceId;
	}

	// Apart from the id's own header: a caller's X-Trace-ID does not stop traceparent,
	// and a caller's traceparent is left alone.
	private static <C> void injectW3c(C carrier, OutboundSetter<C> setter, String traceId,
			@Nullable W3cTraceContext current) {
		W3cTraceContext w3c = W3cParticipation.outbound(current, traceId);
		if (w3c != null && !setter.hasTraceparent(carrier)) {
			setter.setW3c(carrier, w3c.traceparentForCall(), w3c.tracestate());
		}
	}

}
