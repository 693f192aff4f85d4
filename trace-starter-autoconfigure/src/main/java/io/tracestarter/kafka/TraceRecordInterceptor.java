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

import io.tracestarter.core.InboundPropagation.Inbound;
import io.tracestarter.core.OutsideTracedWork;
import io.tracestarter.core.RequestSampling.Request;
import io.tracestarter.core.TraceScope;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Runs each record of a record listener under the record's trace id. The id is opened
 * before the listener and closed when it succeeds; when it fails, the id stays for the
 * error handler (its retries, back-off and dead-letter lines are about this record) and
 * is closed when the next record starts or when the container ends the poll cycle
 * ({@link #clearThreadState}), so the listener thread never keeps it.
 * <p>
 * The listener's consumer thread is marked as {@link OutsideTracedWork} from its first
 * poll ({@link #setupThreadState}) on: what the Kafka client and the container write
 * there between records (group joins, partition assignment, offset commits, the
 * consumer's close) is not a break point. The mark is lifted while a record's id is open,
 * so a line of the record's work that loses the id still is one.
 */
final class TraceRecordInterceptor implements RecordInterceptor<Object, Object> {

	private final KafkaTraceIds ids;

	/**
	 * The record open on each listener thread. A thread-local rather than a map keyed by
	 * thread: this runs for every record, and a map costs a node and two hash lookups per
	 * record. The holder is reused, so a record allocates no entry.
	 */
	private final ThreadLocal<Open> open = ThreadLocal.withInitial(Open::new);

	TraceRecordInterceptor(KafkaTraceIds ids) {
		this.ids = ids;
	}

	@Override
	public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
			Consumer<Object, Object> consumer) {
		Open current = this.open.get();
		current.close();
		Inbound inbound = this.ids.begin(record);
		current.scope = inbound.open();
		current.sampled = inbound.sampling();
		current.outside = OutsideTracedWork.suspend();
		return record;
	}

	@Override
	public void success(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
		this.open.get().close();
	}

	@Override
	public void failure(ConsumerRecord<Object, Object> record, Exception exception, Consumer<Object, Object> consumer) {
		// The id is kept open on purpose: the error handler runs next, on this thread.
		// The record's held-back lines are written now, before the error handler's.
		Open current = this.open.get();
		Request sampled = current.sampled;
		// Ended here, once: closing the record later must not end it again.
		current.sampled = null;
		if (sampled != null) {
			sampled.end(true);
		}
	}

	@Override
	public void setupThreadState(@Nullable Consumer<?, ?> consumer) {
		// Called on the consumer thread before each poll. The mark stays between poll
		// cycles: the thread is the container's for the rest of its life (see
		// ListenerThreadMark for its end).
		OutsideTracedWork.enter();
	}

	@Override
	public void clearThreadState(@Nullable Consumer<?, ?> consumer) {
		this.open.get().close();
	}

	/** The scope and sampling handle of the record a listener thread runs now, if any. */
	private static final class Open {

		private @Nullable TraceScope scope;

		private @Nullable Request sampled;

		/** Whether opening the record lifted the thread's outside-traced-work mark. */
		private boolean outside;

		void close() {
			TraceScope scope = this.scope;
			Request sampled = this.sampled;
			boolean outside = this.outside;
			this.scope = null;
			this.sampled = null;
			this.outside = false;
			if (sampled != null) {
				sampled.end(false);
			}
			if (scope != null) {
				scope.close();
			}
			OutsideTracedWork.resume(outside);
		}

	}

}
