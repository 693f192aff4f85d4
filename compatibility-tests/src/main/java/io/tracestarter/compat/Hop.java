package io.tracestarter.compat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every hop of {@code /hops} logs one line through here: the layer as the JSON field
 * {@code hop}, the request's tag as the field {@code tag}.
 */
public enum Hop {

	HTTP_IN("http-in"), REACTOR("reactor"), ASYNC("async"), GRPC("grpc"), KAFKA_SEND("kafka-send"),
	KAFKA_RECORD("kafka-record"), KAFKA_BATCH("kafka-batch"), HTTP_OUT("http-out");

	private static final Logger logger = LoggerFactory.getLogger(Hop.class);

	private final String layer;

	Hop(String layer) {
		this.layer = layer;
	}

	public String layer() {
		return this.layer;
	}

	void log(String tag) {
		logger.atInfo().addKeyValue("hop", this.layer).addKeyValue("tag", tag).log("hop {} {}", this.layer, tag);
	}

}
