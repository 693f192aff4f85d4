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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TraceIdValidatorTests {

	private final TraceIdValidator validator = new TraceIdValidator(128);

	@ParameterizedTest
	@ValueSource(strings = { "abc123", "A-b_c.d:e", "4bf92f3577b34da6a3ce929d0e0e4736", "x" })
	void acceptsLettersDigitsAndSafePunctuation(String id) {
		assertThat(this.validator.check(id)).isNull();
	}

	@Test
	void rejectsEmptyValue() {
		assertThat(this.validator.check("")).isEqualTo(RejectionReason.EMPTY);
	}

	@Test
	void rejectsIdLongerThanMaxLength() {
		assertThat(this.validator.check("a".repeat(128))).isNull();
		assertThat(this.validator.check("a".repeat(129))).isEqualTo(RejectionReason.TOO_LONG);
		assertThat(this.validator.check("\n".repeat(1024 * 1024))).isEqualTo(RejectionReason.TOO_LONG);
	}

	@ParameterizedTest
	@ValueSource(strings = { "a b", "a\nb", "a\rb", "a\"b", "a\\b", "a/b", "é", "a\u0000b", "a\u2028b", "\uD800",
			"id😀", "a,b", "a;b", "a=b", "<a>", "{\"a\":1}" })
	void rejectsForbiddenCharacters(String id) {
		assertThat(this.validator.check(id)).isEqualTo(RejectionReason.FORBIDDEN_CHARACTER);
	}

	@Test
	void refusesMaxLengthBelowOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TraceIdValidator(0))
			.withMessageContaining("maxLength");
	}

}
