package io.tracestarter.sample;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every hop of the sample's request path logs one line through here, with the layer as
 * the JSON field {@code hop}.
 */
final class Hops {

	static final String HOP = "hop";

	private static final Logger logger = LoggerFactory.getLogger(Hops.class);

	private Hops() {
	}

	static void log(String layer, String message, Object... arguments) {
		logger.atInfo().addKeyValue(HOP, layer).log(message, arguments);
	}

}
