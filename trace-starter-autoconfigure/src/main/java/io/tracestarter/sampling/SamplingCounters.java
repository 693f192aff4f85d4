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

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Counts of log sampling: lines per rule (kept, dropped, flushed on error, lost to a full
 * buffer) and requests (buffered, flushed on error, expired, not buffered because the
 * buffers were full). Rule counters survive a change of the rules under the same name.
 * Read by the meter binder and the actuator endpoint.
 */
public final class SamplingCounters {

	private final Map<String, Lines> lines = new ConcurrentHashMap<>();

	private volatile Consumer<Lines> onNewRule = (rule) -> {
	};

	final LongAdder requestsBuffered = new LongAdder();

	final LongAdder requestsFlushed = new LongAdder();

	final LongAdder requestsExpired = new LongAdder();

	final LongAdder requestsUnbuffered = new LongAdder();

	Lines lines(String rule) {
		return this.lines.computeIfAbsent(rule, (name) -> {
			Lines created = new Lines(name);
			this.onNewRule.accept(created);
			return created;
		});
	}

	/**
	 * Call {@code action} for the counters of every rule, now and as rules appear.
	 */
	synchronized void forEachRule(Consumer<Lines> action) {
		this.lines.values().forEach(action);
		Consumer<Lines> previous = this.onNewRule;
		this.onNewRule = previous.andThen(action);
	}

	public Map<String, Lines> rules() {
		return Map.copyOf(this.lines);
	}

	public long requestsBuffered() {
		return this.requestsBuffered.sum();
	}

	public long requestsFlushed() {
		return this.requestsFlushed.sum();
	}

	public long requestsExpired() {
		return this.requestsExpired.sum();
	}

	public long requestsUnbuffered() {
		return this.requestsUnbuffered.sum();
	}

	/**
	 * Line counts of one rule.
	 */
	public static final class Lines {

		private final String rule;

		final LongAdder kept = new LongAdder();

		final LongAdder dropped = new LongAdder();

		final LongAdder flushed = new LongAdder();

		final LongAdder overflowed = new LongAdder();

		Lines(String rule) {
			this.rule = rule;
		}

		public String rule() {
			return this.rule;
		}

		public long kept() {
			return this.kept.sum();
		}

		public long dropped() {
			return this.dropped.sum();
		}

		public long flushed() {
			return this.flushed.sum();
		}

		public long overflowed() {
			return this.overflowed.sum();
		}

	}

}
