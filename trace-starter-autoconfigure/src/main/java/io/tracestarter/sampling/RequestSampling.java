package io.tracestarter.sampling;

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
	 * Return sampling that keeps every line, for when sampling is off.
	 * @return the sampling
	 */
	static RequestSampling none() {
		return (traceId, kind, name) -> Request.NONE;
	}

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
