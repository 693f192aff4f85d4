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

import java.util.concurrent.atomic.LongAdder;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Overlong values are cut with a marker and counted, never silently, and never inside a
 * surrogate pair.
 */
class FieldLimiterTests {

	private final LongAdder truncations = new LongAdder();

	private final FieldLimiter limiter = new FieldLimiter(5, this.truncations);

	@Test
	void aShortValueIsKeptAsItIs() {
		assertThat(this.limiter.limit("abcde")).isEqualTo("abcde");
		assertThat(this.truncations.sum()).isZero();
	}

	@Test
	void aLongValueIsCutWithAMarkerAndCounted() {
		assertThat(this.limiter.limit("abcdefgh")).isEqualTo("abcde...[truncated 3 chars]");
		assertThat(this.truncations.sum()).isOne();
	}

	@Test
	void aSurrogatePairIsNeverSplit() {
		String value = "abcd\uD83D\uDE00xyz";
		assertThat(this.limiter.limit(value)).isEqualTo("abcd...[truncated 5 chars]");
	}

	@Test
	void nullIsWrittenAsEmpty() {
		assertThat(this.limiter.limit(null)).isEmpty();
	}

	@Test
	void numbersAndBooleansStayWhatTheyAreAndOtherValuesAreLimited() {
		assertThat(this.limiter.limitValue(42)).isEqualTo(42);
		assertThat(this.limiter.limitValue(true)).isEqualTo(true);
		assertThat(this.limiter.limitValue(null)).isNull();
		assertThat(this.limiter.limitValue(new StringBuilder("abcdefg"))).isEqualTo("abcde...[truncated 2 chars]");
	}

}
