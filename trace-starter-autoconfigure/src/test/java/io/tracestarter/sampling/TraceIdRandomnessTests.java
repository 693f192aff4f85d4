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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TraceIdRandomnessTests {

	@Test
	void aW3cIdIsSampledByItsLowerSixtyFourBits() {
		assertThat(TraceIdRandomness.of("4bf92f3577b34da6a3ce929d0e0e4736")).isEqualTo(0xa3ce929d0e0e4736L);
		assertThat(TraceIdRandomness.of("00000000000000000000000000000001")).isEqualTo(1L);
	}

	@Test
	void otherIdsAreHashedTheSameWayEveryTime() {
		assertThat(TraceIdRandomness.of("abc123")).isEqualTo(TraceIdRandomness.of("abc123"))
			.isNotEqualTo(TraceIdRandomness.of("abc124"));
		// 32 characters that are not all hex are hashed, not parsed.
		assertThat(TraceIdRandomness.of("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")).isNotZero();
	}

	@Test
	void ratesZeroAndOneKeepNoneAndAll() {
		long zero = TraceIdRandomness.boundOf(0);
		long one = TraceIdRandomness.boundOf(1);
		for (long randomness : new long[] { 0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE }) {
			assertThat(TraceIdRandomness.keeps(randomness, zero)).isFalse();
			assertThat(TraceIdRandomness.keeps(randomness, one)).isTrue();
		}
	}

	@Test
	void shortIdsSpreadOverTheRange() {
		int kept = 0;
		long bound = TraceIdRandomness.boundOf(0.5);
		for (int i = 0; i < 10_000; i++) {
			if (TraceIdRandomness.keeps(TraceIdRandomness.of("order-" + i), bound)) {
				kept++;
			}
		}
		// Binomial(10000, 0.5): standard deviation 50; 5 deviations either side.
		assertThat(kept).isBetween(4750, 5250);
	}

}
