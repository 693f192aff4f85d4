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

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The recorders told when context propagation restores an id on a thread. The
 * context-propagation registry is one per JVM, so its accessor is shared by every
 * application context in the process: each context adds its recorder here and removes it
 * when it closes, and a recorder ignores ids it never saw come in.
 *
 * @since 0.1.0
 */
public final class RestoredIdRecorders {

	private static final List<TraceHopRecorder> RECORDERS = new CopyOnWriteArrayList<>();

	static final TraceHopRecorder SHARED = new TraceHopRecorder() {

		@Override
		public void record(String traceId, String layer, String event) {
		}

		@Override
		public void restored(String traceId) {
			for (TraceHopRecorder recorder : RECORDERS) {
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
		RECORDERS.add(recorder);
		return () -> RECORDERS.remove(recorder);
	}

	static int size() {
		return RECORDERS.size();
	}

}
