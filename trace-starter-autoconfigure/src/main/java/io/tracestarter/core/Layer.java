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
 * The layers a trace id crosses, as they appear in metric tags and in the actuator's
 * timeline.
 *
 * @since 0.1.0
 */
public enum Layer {

	/** Inbound and outbound HTTP. */
	HTTP("http"),

	/** gRPC server and client calls. */
	GRPC("grpc"),

	/** Kafka records sent and received. */
	KAFKA("kafka"),

	/** Executors, schedulers, {@code @Async} and {@code @Scheduled}. */
	ASYNC("async"),

	/** A thread hop made by context propagation (Reactor's operators). */
	REACTOR("reactor"),

	/** A thread hop no layer announced, seen when a line was logged there. */
	CONTEXT("context");

	private final String tag;

	Layer(String tag) {
		this.tag = tag;
	}

	/**
	 * Return the name used in tags and JSON.
	 * @return the name
	 */
	public String tag() {
		return this.tag;
	}

}
