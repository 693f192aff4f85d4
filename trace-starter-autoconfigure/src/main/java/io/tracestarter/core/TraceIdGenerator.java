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
 * Makes a new trace id when no valid one arrived.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface TraceIdGenerator {

	/**
	 * Make a new id.
	 * @return a valid id
	 */
	String generate();

	/**
	 * Return whether {@link #generate()} returns the current span's trace id, as the
	 * default generator does with Micrometer Tracing. A caller that can find the span of
	 * the work without making it current may then take its trace id instead.
	 * @return {@code true} for the current span's trace id; {@code false} by default
	 */
	default boolean generatesCurrentSpanTraceId() {
		return false;
	}

	/**
	 * Return whether a tracer's trace id can be taken as the id: not empty and not all
	 * zeros (the invalid trace id of W3C Trace Context and OpenTelemetry, what a tracer
	 * reports for work without a span).
	 * @param traceId the span's trace id
	 * @return whether it can be used
	 */
	static boolean isUsableSpanTraceId(@Nullable String traceId) {
		if (traceId == null) {
			return false;
		}
		for (int i = 0; i < traceId.length(); i++) {
			if (traceId.charAt(i) != '0') {
				return true;
			}
		}
		return false;
	}

	/**
	 * Return a generator of 32 random lowercase hex characters, the shape of a W3C
	 * trace-id.
	 * @return the generator
	 */
	static TraceIdGenerator random() {
		return TraceIdGenerator::randomHex;
	}

	/**
	 * Return 32 random lowercase hex characters, never all zeros.
	 * @return the id
	 */
	static String randomHex() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long high = random.nextLong();
		long low = random.nextLong();
		if (high == 0 && low == 0) {
			low = 1;
		}
		char[] chars = new char[32];
		Hex.write(high, chars, 0);
		Hex.write(low, chars, 16);
		return new String(chars);
	}

}
