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
