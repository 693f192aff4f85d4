package io.tracestarter.core;

import org.jspecify.annotations.Nullable;

/**
 * A trace id made current on one thread; closing it restores the id that was current
 * before, also when the work in between failed.
 *
 * @since 0.1.0
 */
public final class TraceScope implements AutoCloseable {

	private final @Nullable String previous;

	private final Thread owner;

	private boolean closed;

	private TraceScope(@Nullable String previous) {
		this.previous = previous;
		this.owner = Thread.currentThread();
	}

	/**
	 * Make {@code traceId} current on this thread.
	 * @param traceId the id; {@code null} clears it
	 * @return the scope to close
	 */
	public static TraceScope open(@Nullable String traceId) {
		TraceScope scope = new TraceScope(TraceIdHolder.get());
		TraceIdHolder.set(traceId);
		return scope;
	}

	/**
	 * Restore the previous id. Closing twice, or from another thread, does nothing: the
	 * id belongs to the thread that opened the scope.
	 */
	@Override
	public void close() {
		if (this.closed || Thread.currentThread() != this.owner) {
			return;
		}
		this.closed = true;
		TraceIdHolder.set(this.previous);
	}

}
