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

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The break points: log lines written without a trace id after start-up, inside traced
 * work or on threads nothing marks as outside it, counted and grouped by logger and
 * thread pool (digits in thread names folded, so {@code pool-3-thread-17} groups with its
 * pool). At most {@code maxGroups} groups are kept; lines of further groups are counted
 * together, so memory stays bounded whatever the log traffic.
 *
 * @since 0.1.0
 */
public final class LinesWithoutTraceId {

	private static final int SAMPLE_LENGTH = 200;

	private final int maxGroups;

	private final Map<Key, Group> groups = new ConcurrentHashMap<>();

	private final LongAdder linesWithoutId = new LongAdder();

	private final LongAdder linesInDroppedGroups = new LongAdder();

	private final LongAdder linesOutsideTracedWork = new LongAdder();

	public LinesWithoutTraceId(int maxGroups) {
		this.maxGroups = maxGroups;
	}

	void record(String logger, String thread, String message, Instant time) {
		this.linesWithoutId.increment();
		Key key = new Key(logger, threadGroup(thread));
		Group group = this.groups.get(key);
		if (group == null) {
			if (this.groups.size() >= this.maxGroups) {
				this.linesInDroppedGroups.increment();
				return;
			}
			group = this.groups.computeIfAbsent(key, (k) -> new Group(time, sanitize(message)));
		}
		group.seen(time);
	}

	// Not a break point: no id existed (see OutsideTracedWork, KafkaOwnLines), so only
	// counted.
	void recordOutsideTracedWork() {
		this.linesOutsideTracedWork.increment();
	}

	/**
	 * Return how many lines were written without an id since recording started.
	 * @return the count
	 */
	public long linesWithoutId() {
		return this.linesWithoutId.sum();
	}

	/**
	 * Return how many lines fell into groups beyond the bound.
	 * @return the count
	 */
	public long linesInDroppedGroups() {
		return this.linesInDroppedGroups.sum();
	}

	/**
	 * Return how many lines without an id were written outside any traced work (a
	 * server's own lines before the request's id was resolved, the Kafka client's on a
	 * listener's consumer thread between records, Kafka's own lines on Kafka's threads);
	 * they are not break points and not in {@link #linesWithoutId()}.
	 * @return the count
	 */
	public long linesOutsideTracedWork() {
		return this.linesOutsideTracedWork.sum();
	}

	/**
	 * Return the groups, most lines first.
	 * @return a snapshot of the groups
	 */
	public List<Summary> groups() {
		return this.groups.entrySet()
			.stream()
			.map((entry) -> entry.getValue().summary(entry.getKey()))
			.sorted(Comparator.comparingLong(Summary::count).reversed())
			.toList();
	}

	static String threadGroup(String thread) {
		StringBuilder folded = new StringBuilder(thread.length());
		boolean inDigits = false;
		for (int i = 0; i < thread.length(); i++) {
			char ch = thread.charAt(i);
			if (ch >= '0' && ch <= '9') {
				if (!inDigits) {
					folded.append('N');
				}
				inDigits = true;
			}
			else {
				folded.append(ch);
				inDigits = false;
			}
		}
		return folded.toString();
	}

	static String sanitize(String message) {
		int length = Math.min(message.length(), SAMPLE_LENGTH);
		StringBuilder sample = new StringBuilder(length + 3);
		for (int i = 0; i < length; i++) {
			char ch = message.charAt(i);
			sample.append((Character.isISOControl(ch) || Character.isSurrogate(ch)) ? '?' : ch);
		}
		if (message.length() > SAMPLE_LENGTH) {
			sample.append("...");
		}
		return sample.toString();
	}

	/**
	 * One group of lines without an id.
	 *
	 * @param logger the logger that wrote them
	 * @param threadGroup the thread name with digits folded to {@code N}
	 * @param count how many lines
	 * @param first when the first was written
	 * @param last when the last was written
	 * @param sample the first line's message, cut to 200 characters, control characters
	 * replaced
	 */
	public record Summary(String logger, String threadGroup, long count, Instant first, Instant last, String sample) {
	}

	private record Key(String logger, String threadGroup) {
	}

	private static final class Group {

		private final LongAdder count = new LongAdder();

		private final Instant first;

		private volatile Instant last;

		private final String sample;

		Group(Instant first, String sample) {
			this.first = first;
			this.last = first;
			this.sample = sample;
		}

		void seen(Instant time) {
			this.count.increment();
			if (time.isAfter(this.last)) {
				this.last = time;
			}
		}

		Summary summary(Key key) {
			return new Summary(key.logger(), key.threadGroup(), this.count.sum(), this.first, this.last, this.sample);
		}

	}

}
