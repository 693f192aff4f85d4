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
 * Receives the hops a trace id crosses in this process, for the actuator's per-id
 * timeline. Layers call it on the thread where the hop happens.
 *
 * @since 0.1.0
 */
public interface TraceHopRecorder {

	/**
	 * Record a hop of {@code traceId} on the current thread.
	 * @param traceId the id
	 * @param layer the layer
	 * @param event what happened: the id entered the process, was sent on, or moved to
	 * another thread
	 */
	void record(String traceId, Layer layer, HopEvent event);

	/**
	 * Called when context propagation restores {@code traceId} on the current thread.
	 * @param traceId the id
	 */
	default void restored(String traceId) {
	}

	/**
	 * Called for a log line written with {@code traceId} on the current thread.
	 * @param traceId the id
	 * @param loggerName the logger that wrote the line
	 */
	default void logged(String traceId, String loggerName) {
	}

	/**
	 * Return a recorder that keeps nothing, for when no one reads the hops.
	 * @return the recorder
	 */
	static TraceHopRecorder none() {
		return NoTraceHopRecorder.INSTANCE;
	}

}
