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

package io.tracestarter.compat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every hop of {@code /hops} logs one line through here: the layer as the JSON field
 * {@code hop}, the request's tag as the field {@code tag}.
 */
enum Hop {

	HTTP_IN("http-in"), REACTOR("reactor"), ASYNC("async"), GRPC("grpc"), KAFKA_SEND("kafka-send"),
	KAFKA_RECORD("kafka-record"), KAFKA_BATCH("kafka-batch"), HTTP_OUT("http-out");

	private static final Logger logger = LoggerFactory.getLogger(Hop.class);

	private final String layer;

	Hop(String layer) {
		this.layer = layer;
	}

	String layer() {
		return this.layer;
	}

	void log(String tag) {
		logger.atInfo().addKeyValue("hop", this.layer).addKeyValue("tag", tag).log("hop {} {}", this.layer, tag);
	}

}
