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
 * Marks a thread that runs a server's own handling of a request outside the request's
 * traced work: after the request arrived and before its id was resolved (Tomcat
 * initialising a lazy servlet, for one), or after the id's scope ended. A line written
 * there without an id lost nothing, as there was no id yet, so the diagnostics count it
 * apart from break points. Set by the server's outermost hook, suspended while the
 * request's id is current.
 *
 * @since 0.1.0
 */
public final class OutsideTracedWork {

	private static final ThreadLocal<Boolean> CURRENT = new ThreadLocal<>();

	private OutsideTracedWork() {
	}

	/**
	 * Mark the current thread: a request arrived and its id is not resolved yet.
	 */
	public static void enter() {
		CURRENT.set(Boolean.TRUE);
	}

	/**
	 * Clear the mark: the server is done with the request.
	 */
	public static void leave() {
		// Set rather than removed, as TraceIdHolder does: a pooled thread keeps its
		// entry.
		CURRENT.set(Boolean.FALSE);
	}

	/**
	 * Return whether the current thread is outside traced work.
	 * @return whether lines without an id here are not break points
	 */
	public static boolean isCurrent() {
		return Boolean.TRUE.equals(CURRENT.get());
	}

	/**
	 * Clear the mark while the request's id is current: a line that loses the id inside
	 * traced work is a break point.
	 * @return whether the mark was set, to hand to {@link #resume(boolean)}
	 */
	public static boolean suspend() {
		boolean current = isCurrent();
		if (current) {
			CURRENT.set(Boolean.FALSE);
		}
		return current;
	}

	/**
	 * Set the mark again after the request's traced work, if {@link #suspend()} cleared
	 * it.
	 * @param suspended what {@link #suspend()} returned
	 */
	public static void resume(boolean suspended) {
		if (suspended) {
			CURRENT.set(Boolean.TRUE);
		}
	}

}
