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

import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * The W3C Trace Context of the work running here when no tracer owns it: the trace id,
 * this work's own span id, the trace flags and the {@code tracestate} list to send on. It
 * travels beside the trace id (same threads, same Reactor context, same hops).
 *
 * @since 0.1.0
 * @see W3cParticipation
 */
public final class W3cTraceContext {

	/**
	 * Key of the context in a Reactor {@code Context} and in the context-propagation
	 * {@code ContextRegistry}.
	 */
	public static final String CONTEXT_KEY = "io.tracestarter.w3c";

	/** MDC key of the span id: Micrometer Tracing's, so log formats show it as theirs. */
	public static final String MDC_KEY = "spanId";

	/** The header, metadata key or record header of the parent. */
	public static final String TRACEPARENT = "traceparent";

	/** The header, metadata key or record header of the vendors' list. */
	public static final String TRACESTATE = "tracestate";

	/** Sampled (Level 1) and random (Level 2): the flags a participant keeps. */
	private static final int KNOWN_FLAGS = 0x03;

	/** Length of a version 00 {@code traceparent}. */
	private static final int TRACEPARENT_LENGTH = 55;

	private final String traceId;

	private final String spanId;

	private final int flags;

	private final String tracestate;

	W3cTraceContext(String traceId, int flags, String tracestate) {
		this.traceId = traceId;
		this.spanId = newSpanId();
		this.flags = flags & KNOWN_FLAGS;
		this.tracestate = tracestate;
	}

	/**
	 * Return the context of the work running on this thread.
	 * @return the context, or {@code null} when none is current (no work, or a tracer
	 * owns W3C Trace Context)
	 */
	public static @Nullable W3cTraceContext current() {
		return TraceIdHolder.w3c();
	}

	/**
	 * Return the W3C trace id.
	 * @return 32 lowercase hex characters
	 */
	public String traceId() {
		return this.traceId;
	}

	/**
	 * Return the span id of this work, the one its log lines carry.
	 * @return 16 lowercase hex characters, never all zeros
	 */
	public String spanId() {
		return this.spanId;
	}

	/**
	 * Return whether the sampled flag is set.
	 * @return {@code true} when sampled
	 */
	public boolean isSampled() {
		return (this.flags & 0x01) != 0;
	}

	/**
	 * Return the {@code tracestate} list to send on.
	 * @return the list, or {@code ""} when there is none
	 */
	public String tracestate() {
		return this.tracestate;
	}

	/**
	 * Return the {@code traceparent} of one outbound call. Each call gets a span id of
	 * its own, as a tracer's client span would, so a receiver can tell the calls of one
	 * piece of work apart.
	 * @return the header value, version 00
	 */
	public String traceparentForCall() {
		return traceparent(nonZeroRandom());
	}

	/**
	 * Version 00 written into one array: every inbound unit of work makes a context, and
	 * most never call out, so nothing of the header is made before a call needs it.
	 */
	private String traceparent(long spanId) {
		char[] chars = new char[TRACEPARENT_LENGTH];
		chars[0] = '0';
		chars[1] = '0';
		chars[2] = '-';
		this.traceId.getChars(0, 32, chars, 3);
		chars[35] = '-';
		Hex.write(spanId, chars, 36);
		chars[52] = '-';
		chars[53] = '0';
		chars[54] = (char) ('0' + this.flags);
		return new String(chars);
	}

	static String newSpanId() {
		char[] chars = new char[16];
		Hex.write(nonZeroRandom(), chars, 0);
		return new String(chars);
	}

	private static long nonZeroRandom() {
		long id = ThreadLocalRandom.current().nextLong();
		return (id != 0) ? id : 1;
	}

	@Override
	public String toString() {
		return "00-" + this.traceId + "-" + this.spanId + "-0" + this.flags;
	}

}
