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

import io.tracestarter.core.TraceContext;

/**
 * Decides each line for the sampling appender of either logging engine: written now, held
 * back for its request, or dropped. WARN and ERROR lines, lines without a trace id and
 * lines no rule matches are always written.
 */
final class LineSampler {

	private final SampledRequests requests;

	LineSampler(SampledRequests requests) {
		this.requests = requests;
	}

	/**
	 * Decide a line.
	 * @param <E> the engine's event type
	 * @param event the line
	 * @param events the engine's side
	 * @param warnOrError whether the line is WARN or ERROR
	 * @param belowLevel whether it is a DEBUG line below its logger's level that the
	 * debug capture let through
	 * @return {@code false} when the line must be written now
	 */
	<E> boolean isSampledOut(E event, SampledEvents<E> events, boolean warnOrError, boolean belowLevel) {
		String traceId = events.traceId(event);
		if (traceId == null) {
			return belowLevel;
		}
		String logger = events.logger(event);
		SampledRequest request = this.requests.getOrRecent(traceId);
		SamplingRule rule = (request != null) ? request.ruleFor(logger)
				: this.requests.rules().forLine(logger, SamplingRules.NONE);
		if (rule == null) {
			return belowLevel;
		}
		// WARN and ERROR are never held back; they count as kept by the rule that
		// matched.
		long randomness = (request != null) ? request.randomness : TraceIdRandomness.of(traceId);
		if (warnOrError || rule.keeps(randomness)) {
			if (!belowLevel) {
				rule.counters().kept.increment();
			}
			return belowLevel;
		}
		if (request == null) {
			rule.counters().dropped.increment();
			return true;
		}
		if (this.requests.hold(request, event, events, rule)) {
			events.write(events.captured(event, SampledEvents.ERROR));
		}
		return true;
	}

	/**
	 * Whether a DEBUG line below its logger's level is let through now, to wait in the
	 * buffer of the current request ({@code trace.sampling.capture-debug-on-error}).
	 * @param logger the line's logger
	 * @return whether the engine should let the line through
	 */
	boolean capturesBelowLevel(String logger) {
		if (this.requests.size() == 0) {
			return false;
		}
		String traceId = TraceContext.currentTraceId();
		SampledRequest request = (traceId != null) ? this.requests.get(traceId) : null;
		if (request == null || !request.isBuffering()) {
			return false;
		}
		SamplingRule rule = request.ruleFor(logger);
		return rule != null && !rule.keeps(request.randomness);
	}

}
