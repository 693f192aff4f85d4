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

package io.tracestarter.sampling;

/**
 * The number a trace id is sampled by. For a W3C id (32 hex digits) it is the id's lower
 * 64 bits, as OpenTelemetry's trace-id ratio sampler takes them, so a service that
 * samples spans with the same ratio keeps the same traces; any other id is hashed (64-bit
 * FNV-1a, then a finalising mix so short ids spread over the whole range).
 */
final class TraceIdRandomness {

	private TraceIdRandomness() {
	}

	static long of(String traceId) {
		if (traceId.length() == 32) {
			long lower = 0;
			for (int i = 16; i < 32; i++) {
				int digit = Character.digit(traceId.charAt(i), 16);
				if (digit < 0) {
					return hash(traceId);
				}
				lower = (lower << 4) | digit;
			}
			return lower;
		}
		return hash(traceId);
	}

	private static long hash(String traceId) {
		long hash = 0xcbf29ce484222325L;
		for (int i = 0; i < traceId.length(); i++) {
			hash ^= traceId.charAt(i);
			hash *= 0x100000001b3L;
		}
		hash ^= hash >>> 33;
		hash *= 0xff51afd7ed558ccdL;
		hash ^= hash >>> 33;
		return hash;
	}

	/**
	 * The bound below which a rate keeps an id: {@code |randomness| < bound}.
	 * @param rate from 0 to 1
	 * @return the bound
	 */
	static long boundOf(double rate) {
		if (rate <= 0) {
			return Long.MIN_VALUE;
		}
		if (rate >= 1) {
			return Long.MAX_VALUE;
		}
		return (long) (rate * Long.MAX_VALUE);
	}

	static boolean keeps(long randomness, long bound) {
		if (bound == Long.MAX_VALUE) {
			return true;
		}
		// Math.abs(Long.MIN_VALUE) stays negative, so it is kept by any rate above 0, as
		// in OpenTelemetry; one id in 2^64.
		return Math.abs(randomness) < bound;
	}

}
