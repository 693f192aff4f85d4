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

/**
 * Tells a line Kafka writes on a thread of its own: a Kafka logger's line on a thread
 * whose class is Kafka's. Those threads (the producer's network thread, the consumer's
 * heartbeat thread, the admin client's thread, an in-process broker's request handlers,
 * schedulers, event queues, raft and inter-broker threads) run Kafka's own work, never a
 * request's or a record's, so the line had no id to lose. A line of any other logger
 * there (an application's send callback) still is a break point.
 */
final class KafkaOwnLines {

	// The broker logs state changes under this name, outside its packages.
	private static final String STATE_CHANGE_LOGGER = "state.change.logger";

	// Decided once per thread class, so a line costs a lookup, never an allocation.
	// Kafka's threads are not all KafkaThreads: the broker's ShutdownableThreads (raft
	// I/O, inter-broker send) and the group coordinator's event processors extend Thread
	// directly, so the test is "a class of Kafka's", which needs no Kafka class loaded.
	private final ClassValue<Boolean> kafkaThreadClasses = new ClassValue<>() {

		@Override
		protected Boolean computeValue(Class<?> type) {
			for (Class<?> candidate = type; candidate != null
					&& candidate != Thread.class; candidate = candidate.getSuperclass()) {
				if (isKafkaName(candidate.getName())) {
					return Boolean.TRUE;
				}
			}
			return Boolean.FALSE;
		}

	};

	/**
	 * Return whether a line of the given logger, written on the current thread, is
	 * Kafka's own work on a Kafka thread.
	 * @param logger the line's logger name
	 * @return whether the line is outside traced work
	 */
	boolean isCurrent(String logger) {
		return (isKafkaName(logger) || STATE_CHANGE_LOGGER.equals(logger))
				&& this.kafkaThreadClasses.get(Thread.currentThread().getClass());
	}

	// The clients' and the Java broker's packages, and the Scala broker's.
	private static boolean isKafkaName(String name) {
		return name.startsWith("org.apache.kafka.") || name.startsWith("kafka.");
	}

}
