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
 * What the inbound layers tell log sampling: a request, call or record with a trace id
 * started, and later whether it ended well. The lines of a sampled-out request wait until
 * then, and are written only if it failed.
 *
 * @since 0.1.0
 */
public interface RequestSampling {

	/**
	 * A request, call or record has started under {@code traceId}.
	 * @param traceId the id its lines carry
	 * @param kind what {@code name} is
	 * @param name the request path, the gRPC full method name or the Kafka topic
	 * @return the handle to end it with, exactly once
	 */
	Request begin(String traceId, Kind kind, String name);

	/**
	 * A request, call or record has started under {@code traceId}, and the caller says
	 * whether the trace was sampled out upstream: then its lines are held back whatever
	 * this layer's own rules say, so one decision holds for the whole trace.
	 * @param traceId the id its lines carry
	 * @param kind what {@code name} is
	 * @param name the request path, the gRPC full method name or the Kafka topic
	 * @param sampledOutUpstream whether the carrier said the trace's lines are dropped
	 * @return the handle to end it with, exactly once
	 */
	default Request begin(String traceId, Kind kind, String name, boolean sampledOutUpstream) {
		return begin(traceId, kind, name);
	}

	/**
	 * Return whether the lines of {@code traceId} are being dropped by a decision made
	 * here or upstream (while its request runs, and for a while after), so that calls and
	 * records sent under it carry the decision on.
	 * @param traceId the id
	 * @return {@code true} when the trace is sampled out
	 */
	default boolean isSampledOut(String traceId) {
		return false;
	}

	/**
	 * Return sampling that keeps every line, for when sampling is off.
	 * @return the sampling
	 */
	static RequestSampling none() {
		return NoRequestSampling.INSTANCE;
	}

	/**
	 * The carrier header that says a trace was sampled out upstream, with the value
	 * {@link #SAMPLED_OUT}; gRPC metadata uses its lower-case name.
	 */
	String SAMPLED_HEADER = "X-Trace-Sampled";

	/** The value of {@link #SAMPLED_HEADER} for a trace whose lines are dropped. */
	String SAMPLED_OUT = "0";

	/**
	 * What a request is matched by.
	 */
	enum Kind {

		/** An HTTP request, by its path. */
		ROUTE,

		/** A gRPC server call, by its full method name. */
		GRPC_METHOD,

		/** A Kafka record, by its topic. */
		KAFKA_TOPIC

	}

	/**
	 * A started request.
	 */
	@FunctionalInterface
	interface Request {

		/** A request that nothing waits for. */
		Request NONE = (failed) -> {
		};

		/**
		 * The request has ended. A second call does nothing.
		 * @param failed whether it failed: an HTTP 5xx, an exception that escaped, a gRPC
		 * status other than OK, a Kafka record whose listener threw
		 */
		void end(boolean failed);

	}

}
