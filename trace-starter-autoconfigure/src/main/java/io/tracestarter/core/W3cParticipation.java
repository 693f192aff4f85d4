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

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.function.BooleanSupplier;

import io.micrometer.context.ContextRegistry;
import io.tracestarter.core.TraceIdResolver.ResolvedTraceId;
import org.jspecify.annotations.Nullable;

/**
 * The starter as a minimal W3C Trace Context participant, for applications without a
 * tracer: each inbound request, call or record keeps the trace id of a valid
 * {@code traceparent} (its flags and {@code tracestate} too) or starts a trace, and gets
 * a span id of its own; each outbound call sends {@code traceparent} and
 * {@code tracestate} on. With a tracer present the tracer owns both headers and this is
 * off. On or off for the whole process, as Micrometer's propagation is: a producer
 * interceptor Kafka makes itself reads it too.
 *
 * @since 0.1.0
 */
public final class W3cParticipation {

	/** The {@code traceparent} header as a source. */
	public static final InboundSource TRACEPARENT_SOURCE = InboundSource.of("header:" + W3cTraceContext.TRACEPARENT);

	/** The {@code tracestate} header as a source. */
	public static final InboundSource TRACESTATE_SOURCE = InboundSource.of("header:" + W3cTraceContext.TRACESTATE);

	private static final int SAMPLED = 0x01;

	private static volatile boolean enabled;

	private static volatile int newTraceFlags = SAMPLED;

	private W3cParticipation() {
	}

	/**
	 * Turn participation on or off.
	 * @param on whether the starter takes part
	 * @param sampleNewTraces whether a trace started here is sent on as sampled
	 */
	public static void use(boolean on, boolean sampleNewTraces) {
		newTraceFlags = sampleNewTraces ? SAMPLED : 0;
		enabled = on;
		// Registered only while the starter takes part: automatic context propagation
		// reads every registered accessor, and clears it where a context lacks its key,
		// on every restore, so an accessor that can never have a value still costs.
		ContextRegistry registry = ContextRegistry.getInstance();
		if (on) {
			registry.registerThreadLocalAccessor(new W3cTraceContextThreadLocalAccessor());
		}
		else {
			registry.removeThreadLocalAccessor(W3cTraceContext.CONTEXT_KEY);
		}
	}

	/**
	 * Return whether the starter takes part.
	 * @return {@code true} when on
	 */
	public static boolean isEnabled() {
		return enabled;
	}

	/**
	 * Return the context of one inbound unit of work: a valid, single {@code traceparent}
	 * from a trusted peer is continued, anything else starts a trace.
	 * @param <C> the carrier
	 * @param carrier the carrier
	 * @param getter reads the carrier
	 * @param resolved the trace id resolved for the work
	 * @param trusted answers whether the peer may set the id
	 * @return the context, or {@code null} when participation is off
	 */
	static <C> @Nullable W3cTraceContext inbound(C carrier, InboundGetter<C> getter, ResolvedTraceId resolved,
			BooleanSupplier trusted) {
		if (!enabled) {
			return null;
		}
		List<String> parents = getter.all(carrier, TRACEPARENT_SOURCE);
		// Two traceparent headers cannot both be the parent: the spec treats that as
		// invalid.
		Traceparent.Parts parent = (parents.size() == 1) ? Traceparent.parse(parents.get(0)) : null;
		if (parent == null) {
			// The id may be the first of two traceparent headers: not a trace to
			// continue.
			InboundSource source = resolved.source();
			return (source != null && source.type() == InboundSource.Type.TRACEPARENT)
					? new W3cTraceContext(TraceIdGenerator.randomHex(), newTraceFlags, "")
					: newTrace(resolved.traceId());
		}
		if (resolved.untrustedInbound() != null || (!resolved.isInbound() && !trusted.getAsBoolean())) {
			return newTrace(resolved.traceId());
		}
		String tracestate = Tracestate.combine(getter.all(carrier, TRACESTATE_SOURCE));
		return new W3cTraceContext(parent.traceId(), parent.flags(), tracestate);
	}

	/**
	 * Return whether a {@code traceparent} value continues the trace {@code traceId}: a
	 * tracer that continues it gives the work's span this trace id. Read whether or not
	 * the starter takes part.
	 * @param traceparent the header value, or {@code null} when there is none
	 * @param traceId the work's trace id
	 * @return {@code true} when the value is valid and its trace id is {@code traceId}
	 */
	public static boolean continues(@Nullable String traceparent, String traceId) {
		return traceparent != null && traceId.equals(Traceparent.traceId(traceparent));
	}

	/**
	 * Return the context of work that starts a trace under {@code traceId}.
	 * @param traceId the work's trace id
	 * @return the context, or {@code null} when participation is off
	 */
	public static @Nullable W3cTraceContext started(String traceId) {
		return enabled ? newTrace(traceId) : null;
	}

	/**
	 * Return the context an outbound call sends: the current one, else (work that started
	 * without one: a scheduled run, an id the application opened) one derived from the
	 * trace id, the same for every call of that work.
	 * @param current the current context, if any
	 * @param traceId the work's trace id
	 * @return the context, or {@code null} when participation is off
	 */
	static @Nullable W3cTraceContext outbound(@Nullable W3cTraceContext current, String traceId) {
		if (!enabled) {
			return null;
		}
		return (current != null) ? current : newTrace(traceId);
	}

	/**
	 * Return the W3C trace id of a trace started under {@code traceId}: the id itself
	 * when it has the W3C shape, else one derived from it. Derived, not random: every
	 * call of the work, and every service that sees the same {@code trace_id}, agrees on
	 * it.
	 * @param traceId the trace id
	 * @return 32 lowercase hex characters, never all zeros
	 */
	static String w3cTraceId(String traceId) {
		if (Traceparent.isTraceId(traceId)) {
			return traceId;
		}
		char[] chars = new char[32];
		byte[] digest = md5(traceId);
		long high = 0;
		long low = 0;
		for (int i = 0; i < 8; i++) {
			high = (high << 8) | (digest[i] & 0xff);
			low = (low << 8) | (digest[i + 8] & 0xff);
		}
		Hex.write(high, chars, 0);
		Hex.write((high == 0 && low == 0) ? 1 : low, chars, 16);
		return new String(chars);
	}

	private static W3cTraceContext newTrace(String traceId) {
		return new W3cTraceContext(w3cTraceId(traceId), newTraceFlags, "");
	}

	// A digest to spread the id over 128 bits, not for security; every JVM has MD5.
	private static byte[] md5(String value) {
		try {
			return MessageDigest.getInstance("MD5").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
