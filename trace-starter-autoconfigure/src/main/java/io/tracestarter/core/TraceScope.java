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

import java.util.Objects;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * A trace id made current on one thread; closing it restores the id that was current
 * before, also when the work in between failed.
 *
 * @since 0.1.0
 */
public final class TraceScope implements AutoCloseable {

	/**
	 * Returned when the id asked for is already current: nothing to set, nothing to
	 * restore.
	 */
	private static final TraceScope UNCHANGED = new TraceScope(null, null, null);

	private final @Nullable String previous;

	private final @Nullable W3cTraceContext previousW3c;

	private final @Nullable Thread owner;

	private boolean closed;

	private TraceScope(@Nullable String previous, @Nullable W3cTraceContext previousW3c, @Nullable Thread owner) {
		this.previous = previous;
		this.previousW3c = previousW3c;
		this.owner = owner;
	}

	/**
	 * Make {@code traceId} current on this thread, with no W3C Trace Context. The id is
	 * not validated: this is the path of ids the starter already checked; application
	 * code uses {@link TraceContext#open}.
	 * @param traceId the id; {@code null} clears it
	 * @return the scope to close
	 */
	public static TraceScope open(@Nullable String traceId) {
		return open(traceId, null);
	}

	/**
	 * Make {@code traceId} and its W3C Trace Context current on this thread.
	 * @param traceId the id; {@code null} clears it
	 * @param w3c the context; {@code null} when there is none
	 * @return the scope to close
	 */
	public static TraceScope open(@Nullable String traceId, @Nullable W3cTraceContext w3c) {
		String previous = TraceIdHolder.get();
		W3cTraceContext previousW3c = TraceIdHolder.w3c();
		if (Objects.equals(previous, traceId) && previousW3c == w3c
				&& Objects.equals(MDC.get(TraceContext.MDC_KEY), traceId)) {
			// Nested scopes of one id are common (a callback of a call on the thread that
			// made it): skip the writes. The MDC is checked too, as application code may
			// have cleared it.
			return UNCHANGED;
		}
		TraceScope scope = new TraceScope(previous, previousW3c, Thread.currentThread());
		TraceIdHolder.set(traceId);
		TraceIdHolder.setW3c(w3c);
		return scope;
	}

	/**
	 * Run {@code task} with {@code traceId} current on this thread, with no W3C Trace
	 * Context, then restore what was current before, without a scope object. The id is
	 * not validated: this is the path of ids the starter already checked; application
	 * code uses {@link TraceContext#run}.
	 * @param traceId the id; {@code null} runs the task with no id
	 * @param task the task
	 */
	public static void run(@Nullable String traceId, Runnable task) {
		run(traceId, null, task);
	}

	/**
	 * Run {@code task} with {@code traceId} and its W3C Trace Context current on this
	 * thread (an executor hop), then restore what was current before.
	 * @param traceId the id; {@code null} runs the task with no id
	 * @param w3c the context; {@code null} when there is none
	 * @param task the task
	 */
	public static void run(@Nullable String traceId, @Nullable W3cTraceContext w3c, Runnable task) {
		String previous = TraceIdHolder.get();
		W3cTraceContext previousW3c = TraceIdHolder.w3c();
		if (Objects.equals(previous, traceId) && previousW3c == w3c) {
			task.run();
			return;
		}
		TraceIdHolder.set(traceId);
		TraceIdHolder.setW3c(w3c);
		try {
			task.run();
		}
		finally {
			TraceIdHolder.set(previous);
			TraceIdHolder.setW3c(previousW3c);
		}
	}

	/**
	 * Call {@code task} with {@code traceId} current on this thread, then restore what
	 * was current before; {@link #run} for a task with a result.
	 * @param <T> the result type
	 * @param traceId the id; {@code null} runs the task with no id
	 * @param task the task
	 * @return the task's result
	 * @throws Exception what the task throws
	 */
	public static <T> T call(@Nullable String traceId, Callable<T> task) throws Exception {
		return call(traceId, null, task);
	}

	/**
	 * Call {@code task} with {@code traceId} and its W3C Trace Context current on this
	 * thread, then restore what was current before.
	 * @param <T> the result type
	 * @param traceId the id; {@code null} runs the task with no id
	 * @param w3c the context; {@code null} when there is none
	 * @param task the task
	 * @return the task's result
	 * @throws Exception what the task throws
	 */
	public static <T> T call(@Nullable String traceId, @Nullable W3cTraceContext w3c, Callable<T> task)
			throws Exception {
		String previous = TraceIdHolder.get();
		W3cTraceContext previousW3c = TraceIdHolder.w3c();
		if (Objects.equals(previous, traceId) && previousW3c == w3c) {
			return task.call();
		}
		TraceIdHolder.set(traceId);
		TraceIdHolder.setW3c(w3c);
		try {
			return task.call();
		}
		finally {
			TraceIdHolder.set(previous);
			TraceIdHolder.setW3c(previousW3c);
		}
	}

	/**
	 * Restore the previous id. Closing twice, or from another thread, does nothing: the
	 * id belongs to the thread that opened the scope.
	 */
	@Override
	public void close() {
		if (this.owner == null || this.closed || Thread.currentThread() != this.owner) {
			return;
		}
		this.closed = true;
		TraceIdHolder.set(this.previous);
		TraceIdHolder.setW3c(this.previousW3c);
	}

}
