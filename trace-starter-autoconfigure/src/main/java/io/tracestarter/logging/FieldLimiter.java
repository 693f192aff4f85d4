package io.tracestarter.logging;

import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

/**
 * Cuts overlong log values and says so: the cut value ends with a marker naming how many
 * characters were dropped, and each cut is counted. Never splits a surrogate pair.
 */
final class FieldLimiter {

	private final int maxLength;

	private final LongAdder truncations;

	FieldLimiter(int maxLength, LongAdder truncations) {
		this.maxLength = maxLength;
		this.truncations = truncations;
	}

	String limit(@Nullable String value) {
		if (value == null) {
			return "";
		}
		if (value.length() <= this.maxLength) {
			return value;
		}
		int keep = this.maxLength;
		if (Character.isHighSurrogate(value.charAt(keep - 1))) {
			keep--;
		}
		this.truncations.increment();
		return value.substring(0, keep) + "...[truncated " + (value.length() - keep) + " chars]";
	}

	/**
	 * Limit a key-value pair's value: numbers and booleans stay JSON numbers and
	 * booleans, anything else is written as its limited string form.
	 */
	@Nullable Object limitValue(@Nullable Object value) {
		if (value == null || value instanceof Number || value instanceof Boolean) {
			return value;
		}
		return limit(String.valueOf(value));
	}

}
