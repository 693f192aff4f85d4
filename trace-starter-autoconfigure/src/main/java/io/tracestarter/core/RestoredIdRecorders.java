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

import java.util.Arrays;

/**
 * The recorders told when context propagation restores an id on a thread. The
 * context-propagation registry is one per JVM, so its accessor is shared by every
 * application context in the process: each context adds its recorder here and removes it
 * when it closes, and a recorder ignores ids it never saw come in.
 *
 * @since 0.1.0
 */
public final class RestoredIdRecorders {

	// An array, not a copy-on-write list: it is read on every restore, and iterating an
	// array allocates nothing.
	private static volatile TraceHopRecorder[] recorders = new TraceHopRecorder[0];

	static final TraceHopRecorder SHARED = new TraceHopRecorder() {

		@Override
		public void record(String traceId, Layer layer, HopEvent event) {
		}

		@Override
		public void restored(String traceId) {
			for (TraceHopRecorder recorder : recorders) {
				recorder.restored(traceId);
			}
		}

	};

	private RestoredIdRecorders() {
	}

	/**
	 * Tell {@code recorder} of every id restored on a thread, until the returned handle
	 * is closed.
	 * @param recorder the recorder
	 * @return the handle that removes it again
	 */
	public static AutoCloseable add(TraceHopRecorder recorder) {
		synchronized (RestoredIdRecorders.class) {
			TraceHopRecorder[] added = Arrays.copyOf(recorders, recorders.length + 1);
			added[recorders.length] = recorder;
			recorders = added;
		}
		return () -> remove(recorder);
	}

	private static synchronized void remove(TraceHopRecorder recorder) {
		recorders = Arrays.stream(recorders).filter((kept) -> kept != recorder).toArray(TraceHopRecorder[]::new);
	}

	static int size() {
		return recorders.length;
	}

}
