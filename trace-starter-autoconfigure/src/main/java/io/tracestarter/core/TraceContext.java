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

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

/**
 * Entry point for application code that needs the current trace id, or that must run a
 * piece of work under an id it got some other way.
 *
 * @since 0.1.0
 */
public final class TraceContext {

	/**
	 * Key of the id in the SLF4J MDC.
	 */
	public static final String MDC_KEY = "trace_id";

	/**
	 * Key of the id in a Reactor {@code Context} and in the context-propagation
	 * {@code ContextRegistry}.
	 */
	public static final String CONTEXT_KEY = "io.tracestarter.trace-id";

	private TraceContext() {
	}

	/**
	 * Return the trace id of the work running on this thread.
	 * @return the id, or {@code null} when this thread runs no traced work
	 */
	public static @Nullable String currentTraceId() {
		String own = TraceIdHolder.get();
		return (own != null) ? own : TracerTraceId.current();
	}

	/**
	 * Make {@code traceId} current on this thread until the returned scope is closed.
	 * Closing restores whatever was current before, so scopes nest.
	 * @param traceId the id; {@code null} clears the id for the scope
	 * @return the scope to close, best with try-with-resources
	 * @throws IllegalArgumentException when {@code traceId} is not a valid id (the rules
	 * of inbound ids: letters, digits and {@code -_.:}, at most
	 * {@code trace.id.max-length} characters), as it would be sent on in headers
	 */
	public static TraceScope open(@Nullable String traceId) {
		String checked = ApplicationIds.require(traceId);
		return TraceScope.open(checked, started(checked));
	}

	/**
	 * Run {@code task} with {@code traceId} current on this thread, then restore what was
	 * current before; what {@link #open} does, without a scope object.
	 * @param traceId the id; {@code null} runs the task with no id
	 * @param task the task
	 * @throws IllegalArgumentException when {@code traceId} is not a valid id
	 */
	public static void run(@Nullable String traceId, Runnable task) {
		String checked = ApplicationIds.require(traceId);
		TraceScope.run(checked, started(checked), task);
	}

	/**
	 * Call {@code task} with {@code traceId} current on this thread, then restore what
	 * was current before.
	 * @param <T> the result type
	 * @param traceId the id; {@code null} runs the task with no id
	 * @param task the task
	 * @return the task's result
	 * @throws IllegalArgumentException when {@code traceId} is not a valid id
	 * @throws Exception what the task throws
	 */
	public static <T> T call(@Nullable String traceId, Callable<T> task) throws Exception {
		String checked = ApplicationIds.require(traceId);
		return TraceScope.call(checked, started(checked), task);
	}

	// An id the application opens starts W3C work of its own (when the starter takes
	// part), so its lines get a span id and its calls one trace.
	private static @Nullable W3cTraceContext started(@Nullable String traceId) {
		return (traceId != null) ? W3cParticipation.started(traceId) : null;
	}

	/**
	 * Wrap a task so that it runs with the id that is current now, wherever it runs. For
	 * threads Spring's decorators cannot see ({@code new Thread(...)}, the common pool).
	 * @param task the task
	 * @return the wrapped task; {@code task} itself when no id is current
	 */
	public static Runnable wrap(Runnable task) {
		String traceId = currentTraceId();
		if (traceId == null) {
			return task;
		}
		W3cTraceContext w3c = TraceIdHolder.w3c();
		return () -> {
			try (TraceScope scope = TraceScope.open(traceId, w3c)) {
				task.run();
			}
		};
	}

	/**
	 * Wrap a task so that it runs with the id that is current now, wherever it runs.
	 * @param <T> the result type
	 * @param task the task
	 * @return the wrapped task; {@code task} itself when no id is current
	 */
	public static <T> Callable<T> wrap(Callable<T> task) {
		String traceId = currentTraceId();
		if (traceId == null) {
			return task;
		}
		W3cTraceContext w3c = TraceIdHolder.w3c();
		return () -> {
			try (TraceScope scope = TraceScope.open(traceId, w3c)) {
				return task.call();
			}
		};
	}

	/**
	 * Wrap an executor that no Spring decorator reaches (the common pool, an executor
	 * made in application code) so that every task runs with the id of the thread that
	 * submitted it: {@code CompletableFuture.supplyAsync(supplier,
	 * TraceContext.wrap(ForkJoinPool.commonPool()))}.
	 * @param executor the executor
	 * @return an executor that wraps each task before handing it to {@code executor}
	 */
	public static Executor wrap(Executor executor) {
		return (task) -> executor.execute(wrap(task));
	}

}
