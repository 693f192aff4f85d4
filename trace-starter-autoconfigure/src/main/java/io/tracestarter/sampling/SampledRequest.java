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

package io.tracestarter.sampling;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The log lines held back for one trace id while its request runs, and what to do with
 * the next one. Joined by every inbound layer the same id enters while it runs (an
 * application calling itself), ended when the last of them ends. Guarded by its own
 * monitor; a line's writer waits only for lines of the same request.
 */
final class SampledRequest {

	final String traceId;

	final SamplingRules rules;

	final int requestRule;

	final long randomness;

	final long startedNanos;

	int parties = 1;

	volatile State state = State.BUFFERING;

	@Nullable List<Held> held = new ArrayList<>();

	long bytes;

	int linesLost;

	@Nullable Instant firstLost;

	SampledRequest(String traceId, SamplingRules rules, int requestRule, long randomness, long startedNanos) {
		this.traceId = traceId;
		this.rules = rules;
		this.requestRule = requestRule;
		this.randomness = randomness;
		this.startedNanos = startedNanos;
	}

	/** Whether the request's own decision drops its lines (logger rules aside). */
	boolean isSampledOut() {
		SamplingRule rule = this.rules.get(this.requestRule);
		return rule != null && !rule.keeps(this.randomness);
	}

	/** Whether DEBUG lines below their level are worth capturing now. */
	boolean isBuffering() {
		return this.state == State.BUFFERING;
	}

	@Nullable SamplingRule ruleFor(String loggerName) {
		return this.rules.forLine(loggerName, this.requestRule);
	}

	enum State {

		/** Sampled-out lines wait in the buffer. */
		BUFFERING,

		/** The request failed: the buffer was written, further lines are written. */
		FAILED,

		/** Ended or expired: no longer in the registry. */
		ENDED

	}

	record Held(Object event, SamplingRule rule, int bytes) {
	}

}
