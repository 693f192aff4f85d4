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

import org.jspecify.annotations.Nullable;

/**
 * The rules for ids that application code hands in ({@link TraceContext#open},
 * {@link TraceContext#run}, {@link TraceContext#call}) and for every id the starter sends
 * on: the same as for inbound ids (letters, digits and {@code -_.:}, at most
 * {@code trace.id.max-length} characters). The auto-configuration publishes the
 * configured validator here; until it does, the default limit of 128 applies.
 *
 * @since 0.1.0
 */
public final class ApplicationIds {

	/** The limit of {@code trace.id.max-length} when it is not set. */
	public static final int DEFAULT_MAX_LENGTH = 128;

	private static volatile TraceIdValidator validator = new TraceIdValidator(DEFAULT_MAX_LENGTH);

	private ApplicationIds() {
	}

	/**
	 * Use {@code validator} from now on; called by the auto-configuration with the
	 * application's settings.
	 * @param validator the validator
	 */
	public static void use(TraceIdValidator validator) {
		ApplicationIds.validator = validator;
	}

	/**
	 * Return why {@code traceId} may not be used or sent, or {@code null} when it may.
	 * @param traceId the id
	 * @return the reason, or {@code null}
	 */
	public static @Nullable RejectionReason check(String traceId) {
		return validator.check(traceId);
	}

	/**
	 * Return {@code traceId} when it is valid.
	 * @param traceId the id, or {@code null} for none
	 * @return {@code traceId}
	 * @throws IllegalArgumentException when it is not a valid id; the message names the
	 * rule it broke and the value's length, never the value, which may hold anything
	 */
	public static @Nullable String require(@Nullable String traceId) {
		if (traceId == null) {
			return null;
		}
		RejectionReason reason = validator.check(traceId);
		if (reason != null) {
			throw new IllegalArgumentException("Trace id not accepted (" + reason.tagValue() + "): an id is 1 to "
					+ validator.getMaxLength() + " letters, digits, '-', '_', '.' or ':' (trace.id.max-length); "
					+ "the value given has " + traceId.length() + " characters");
		}
		return traceId;
	}

}
