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

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tracestarter.FuzzText;

/**
 * Coverage-guided fuzzing of {@link TraceIdValidator}. Invariant: no exception escapes,
 * and the validator accepts a value exactly when a plain, independent predicate does
 * (non-empty, at most the limit, only ASCII letters, digits and {@code -_.:}); a rejected
 * value gets the reason that predicate names. The same bytes are read three ways: as
 * UTF-8 text with escapes ({@link FuzzText}), as Latin-1 (every byte one character) and
 * as UTF-16 (every pair of bytes one code unit, lone surrogates included).
 */
class TraceIdValidatorFuzzTests {

	private static final int[] LIMITS = { 1, 8, 32, 128 };

	private static final TraceIdValidator[] VALIDATORS = { new TraceIdValidator(LIMITS[0]),
			new TraceIdValidator(LIMITS[1]), new TraceIdValidator(LIMITS[2]), new TraceIdValidator(LIMITS[3]) };

	@FuzzTest(maxDuration = "10s")
	void acceptsExactlyTheSafeIds(byte[] input) {
		check(FuzzText.decode(input));
		check(new String(input, StandardCharsets.ISO_8859_1));
		check(new String(input, StandardCharsets.UTF_16BE));
	}

	private static void check(String candidate) {
		for (int i = 0; i < LIMITS.length; i++) {
			RejectionReason reason = VALIDATORS[i].check(candidate);
			RejectionReason expected = expectedReason(candidate, LIMITS[i]);
			// Only a failure builds a message: the fuzzer runs this millions of times.
			if (reason != expected || VALIDATORS[i].isValid(candidate) != (expected == null)) {
				throw new AssertionError("Limit " + LIMITS[i] + ": expected " + expected + " but was " + reason
						+ " for " + FuzzText.quoted(candidate));
			}
		}
	}

	/**
	 * The rule as README states it, written without the validator's lookup table.
	 */
	private static RejectionReason expectedReason(String candidate, int limit) {
		if (candidate.isEmpty()) {
			return RejectionReason.EMPTY;
		}
		if (candidate.length() > limit) {
			return RejectionReason.TOO_LONG;
		}
		for (int i = 0; i < candidate.length(); i++) {
			char ch = candidate.charAt(i);
			boolean safe = ('a' <= ch && ch <= 'z') || ('A' <= ch && ch <= 'Z') || ('0' <= ch && ch <= '9')
					|| "-_.:".indexOf(ch) >= 0;
			if (!safe) {
				return RejectionReason.FORBIDDEN_CHARACTER;
			}
		}
		return null;
	}

}
