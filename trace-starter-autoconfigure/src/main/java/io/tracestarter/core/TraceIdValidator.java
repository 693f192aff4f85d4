package io.tracestarter.core;

import org.jspecify.annotations.Nullable;

/**
 * Checks a candidate trace id against the safe character set and the length limit.
 *
 * @since 0.1.0
 */
public final class TraceIdValidator {

	private final int maxLength;

	/**
	 * Create a validator.
	 * @param maxLength the longest id accepted, at least 1
	 */
	public TraceIdValidator(int maxLength) {
		if (maxLength < 1) {
			throw new IllegalArgumentException("maxLength must be at least 1 but was " + maxLength);
		}
		this.maxLength = maxLength;
	}

	/**
	 * Check a candidate id. The length is checked first, so an overlong value is never
	 * scanned.
	 * @param candidate the value as received
	 * @return why it is rejected, or {@code null} when it is a valid id
	 */
	public @Nullable RejectionReason check(String candidate) {
		if (candidate.isEmpty()) {
			return RejectionReason.EMPTY;
		}
		if (candidate.length() > this.maxLength) {
			return RejectionReason.TOO_LONG;
		}
		for (int i = 0; i < candidate.length(); i++) {
			if (!isAllowed(candidate.charAt(i))) {
				return RejectionReason.FORBIDDEN_CHARACTER;
			}
		}
		return null;
	}

	/**
	 * Return whether {@code candidate} is a valid id.
	 * @param candidate the value
	 * @return {@code true} when valid
	 */
	public boolean isValid(String candidate) {
		return check(candidate) == null;
	}

	public int getMaxLength() {
		return this.maxLength;
	}

	private static boolean isAllowed(char ch) {
		return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-'
				|| ch == '_' || ch == '.' || ch == ':';
	}

}
