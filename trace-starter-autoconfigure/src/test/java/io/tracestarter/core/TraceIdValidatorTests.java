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
