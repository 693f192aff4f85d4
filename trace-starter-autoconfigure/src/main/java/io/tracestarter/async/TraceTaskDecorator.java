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

package io.tracestarter.async;

import java.util.Objects;
import java.util.concurrent.Callable;

import io.tracestarter.core.HopEvent;
import io.tracestarter.core.Layer;
import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceHopRecorder;
import io.tracestarter.core.TraceScope;
import io.tracestarter.core.W3cTraceContext;
import org.jspecify.annotations.Nullable;

import org.springframework.core.task.TaskDecorator;

/**
 * Runs each task under the trace id of the thread that submitted it. A task submitted
 * with no id runs with none, so a pooled thread never shows an earlier task's id; after
 * the task the thread has exactly the id it had before. Boot applies every
 * {@code TaskDecorator} bean to the executors and schedulers its builders make, next to
 * the user's own decorators.
 *
 * @since 0.1.0
 */
public final class TraceTaskDecorator implements TaskDecorator {

	private final TraceHopRecorder hops;

	/**
	 * Create a decorator that records no hops.
	 */
	public TraceTaskDecorator() {
		this(TraceHopRecorder.none());
	}

	/**
	 * Create a decorator that records each task start as an {@code async} hop.
	 * @param hops the recorder
	 */
	public TraceTaskDecorator(TraceHopRecorder hops) {
		this.hops = hops;
	}

	@Override
	public Runnable decorate(Runnable runnable) {
		if (runnable instanceof TracedRunnable) {
			return runnable;
		}
		return new TracedRunnable(runnable, TraceContext.currentTraceId(), W3cTraceContext.current(), this.hops);
	}

	/**
	 * Wrap a {@link Callable} the way {@link #decorate(Runnable)} wraps a task.
	 * @param <T> the result type
	 * @param callable the task
	 * @return the wrapped task
	 */
	public <T> Callable<T> decorate(Callable<T> callable) {
		if (callable instanceof TracedCallable) {
			return callable;
		}
		return new TracedCallable<>(callable, TraceContext.currentTraceId(), W3cTraceContext.current(), this.hops);
	}

	private record TracedRunnable(Runnable delegate, @Nullable String traceId, @Nullable W3cTraceContext w3c,
			TraceHopRecorder hops) implements Runnable {

		@Override
		public void run() {
			if (Objects.equals(TraceContext.currentTraceId(), this.traceId) && W3cTraceContext.current() == this.w3c) {
				// Already under this id: the task ran on its submitter's thread, or an
				// executor's own decorators wrapped ours once more.
				this.delegate.run();
				return;
			}
			if (this.traceId != null) {
				this.hops.record(this.traceId, Layer.ASYNC, HopEvent.HOP);
			}
			TraceScope.run(this.traceId, this.w3c, this.delegate);
		}

	}

	private record TracedCallable<T>(Callable<T> delegate, @Nullable String traceId, @Nullable W3cTraceContext w3c,
			TraceHopRecorder hops) implements Callable<T> {

		@Override
		public T call() throws Exception {
			if (Objects.equals(TraceContext.currentTraceId(), this.traceId) && W3cTraceContext.current() == this.w3c) {
				return this.delegate.call();
			}
			if (this.traceId != null) {
				this.hops.record(this.traceId, Layer.ASYNC, HopEvent.HOP);
			}
			return TraceScope.call(this.traceId, this.w3c, this.delegate);
		}

	}

}
