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

/**
 * Marks a thread that runs a framework's own work outside any traced work: a server's
 * handling of a request after the request arrived and before its id was resolved (Tomcat
 * initialising a lazy servlet, for one) or after the id's scope ended, or a Kafka
 * listener's consumer thread between records (group joins, offset commits). A line
 * written there without an id lost nothing, as there was no id, so the diagnostics count
 * it apart from break points. Set by the outermost hook the framework offers (the
 * server's request hook, the listener container's poll hook), suspended while a request's
 * or a record's id is current.
 *
 * @since 0.1.0
 */
public final class OutsideTracedWork {

	/**
	 * A mutable mark per thread, so that suspending and resuming it (twice per Kafka
	 * record) reads the thread-local once and never writes it.
	 */
	private static final ThreadLocal<Mark> CURRENT = new ThreadLocal<>();

	private OutsideTracedWork() {
	}

	/**
	 * Mark the current thread: a request arrived and its id is not resolved yet, or the
	 * thread polls a listener's records.
	 */
	public static void enter() {
		Mark mark = CURRENT.get();
		if (mark == null) {
			mark = new Mark();
			CURRENT.set(mark);
		}
		mark.set = true;
	}

	/**
	 * Clear the mark: the server is done with the request, or the consumer stopped.
	 */
	public static void leave() {
		// Cleared rather than removed, as TraceIdHolder does: a pooled thread keeps its
		// entry.
		Mark mark = CURRENT.get();
		if (mark != null) {
			mark.set = false;
		}
	}

	/**
	 * Return whether the current thread is outside traced work.
	 * @return whether lines without an id here are not break points
	 */
	public static boolean isCurrent() {
		// Not made here: most threads that write a line without an id were never
		// marked.
		Mark mark = CURRENT.get();
		return mark != null && mark.set;
	}

	/**
	 * Clear the mark while a request's or record's id is current: a line that loses the
	 * id inside traced work is a break point.
	 * @return whether the mark was set, to hand to {@link #resume(boolean)}
	 */
	public static boolean suspend() {
		Mark mark = CURRENT.get();
		if (mark == null || !mark.set) {
			return false;
		}
		mark.set = false;
		return true;
	}

	/**
	 * Set the mark again after the request's or record's traced work, if
	 * {@link #suspend()} cleared it.
	 * @param suspended what {@link #suspend()} returned
	 */
	public static void resume(boolean suspended) {
		if (suspended) {
			enter();
		}
	}

	private static final class Mark {

		private boolean set;

	}

}
