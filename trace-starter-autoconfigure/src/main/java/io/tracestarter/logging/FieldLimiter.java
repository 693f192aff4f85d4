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
	 * Return whether {@link #limit} would cut any of the values.
	 */
	boolean anyCut(Iterable<String> values) {
		for (String value : values) {
			if (value != null && value.length() > this.maxLength) {
				return true;
			}
		}
		return false;
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
