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

package io.tracestarter.kafka;

import io.tracestarter.core.OutsideTracedWork;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationListener;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.listener.BatchInterceptor;

/**
 * Marks a listener container's consumer thread as {@link OutsideTracedWork} for the
 * consumer's life. The container calls its interceptor's {@code setupThreadState} on that
 * thread before each poll: the {@link TraceRecordInterceptor} for record listeners, this
 * batch interceptor (which leaves the records as they are) for batch listeners. What the
 * Kafka client and the container write there between records (group joins, partition
 * assignment, offset commits, the consumer's close) had no id to lose. The mark is lifted
 * while a record's id is open, and while a batch listener runs: from this interceptor's
 * {@code intercept} to its {@code success} or {@code failure}, so a line of the
 * listener's without an id is a break point.
 */
final class ListenerThreadMark implements BatchInterceptor<Object, Object> {

	static final ListenerThreadMark INSTANCE = new ListenerThreadMark();

	private ListenerThreadMark() {
	}

	@Override
	public ConsumerRecords<Object, Object> intercept(ConsumerRecords<Object, Object> records,
			Consumer<Object, Object> consumer) {
		// The listener runs next: its work is traced work, whatever form the listener
		// has (a proxied @KafkaListener method or a listener of the application's own).
		OutsideTracedWork.suspend();
		return records;
	}

	@Override
	public void success(ConsumerRecords<Object, Object> records, Consumer<Object, Object> consumer) {
		// This interceptor runs only in a container that set the mark before the poll.
		OutsideTracedWork.enter();
	}

	@Override
	public void failure(ConsumerRecords<Object, Object> records, Exception exception,
			Consumer<Object, Object> consumer) {
		OutsideTracedWork.enter();
	}

	@Override
	public void setupThreadState(@Nullable Consumer<?, ?> consumer) {
		OutsideTracedWork.enter();
	}

	/**
	 * Clears the mark when the consumer stops: the container publishes the event on the
	 * consumer thread as its last act, so a thread of a pooled listener executor does not
	 * keep the mark for whatever it runs next.
	 */
	static final class Release implements ApplicationListener<ConsumerStoppedEvent> {

		@Override
		public void onApplicationEvent(ConsumerStoppedEvent event) {
			OutsideTracedWork.leave();
		}

		@Override
		public boolean supportsAsyncExecution() {
			// On the consumer thread, even with an executor on the event multicaster.
			return false;
		}

	}

}
