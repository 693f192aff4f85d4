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

package io.tracestarter.logging;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FallbackTraceId}'s hash: seeds that differ in one character (pod UIDs,
 * start times a millisecond apart) give unrelated ids.
 */
class FallbackTraceIdTests {

	@Test
	void nearbySeedsGiveDistinctIdsSpreadOverEveryDigit() {
		Set<String> ids = new HashSet<>();
		Set<Character> firstDigits = new HashSet<>();
		Set<Character> lastDigits = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			String id = FallbackTraceId
				.hash("4f1c2a9e-0b7d-4c55-9a61-00000000" + (1000 + i % 1000) + "@" + (1_764_000_000_000L + i / 1000));
			assertThat(id).matches("[0-9a-f]{32}");
			ids.add(id);
			firstDigits.add(id.charAt(0));
			lastDigits.add(id.charAt(31));
		}
		assertThat(ids).hasSize(10_000);
		assertThat(firstDigits).hasSize(16);
		assertThat(lastDigits).hasSize(16);
	}

	@Test
	void sameSeedGivesTheSameId() {
		assertThat(FallbackTraceId.hash("uid-1@1764000000000")).isEqualTo(FallbackTraceId.hash("uid-1@1764000000000"))
			.isNotEqualTo(FallbackTraceId.hash("uid-2@1764000000000"));
	}

}
