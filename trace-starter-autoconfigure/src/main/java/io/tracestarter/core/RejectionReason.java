package io.tracestarter.core;

/**
 * Why an inbound trace id was not accepted. The reason, never the value, is what gets
 * counted and reported.
 *
 * @since 0.1.0
 */
public enum RejectionReason {

	/**
	 * The value was empty.
	 */
	EMPTY,

	/**
	 * The value was longer than {@code trace.id.max-length}.
	 */
	TOO_LONG,

	/**
	 * The value held a character outside letters, digits, '-', '_', '.' and ':'.
	 */
	FORBIDDEN_CHARACTER,

	/**
	 * A {@code traceparent} value broke the W3C Trace Context rules.
	 */
	INVALID_TRACEPARENT,

	/**
	 * A valid id came from a peer that {@code trace.inbound.trust} does not trust.
	 */
	UNTRUSTED;

	/**
	 * Return the tag value used in metrics and the actuator endpoint.
	 * @return the lower-case name
	 */
	public String tagValue() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
