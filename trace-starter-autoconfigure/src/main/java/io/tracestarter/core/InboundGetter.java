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

import org.jspecify.annotations.Nullable;

/**
 * Reads one inbound source from a transport's carrier: HTTP request headers and query,
 * gRPC metadata, Kafka record headers.
 *
 * @param <C> the carrier
 * @since 0.1.0
 */
@FunctionalInterface
public interface InboundGetter<C> {

	/**
	 * Return the raw value of {@code source} in {@code carrier}.
	 * @param carrier the carrier
	 * @param source the source
	 * @return the value, or {@code null} when absent or when the transport has no such
	 * source
	 */
	@Nullable String get(C carrier, InboundSource source);

	/**
	 * Return every value of the header {@code source} in {@code carrier}, in the order
	 * they arrived: W3C Trace Context combines repeated {@code tracestate} headers and
	 * rejects repeated {@code traceparent} ones. A transport that keeps one value per
	 * name has this default.
	 * @param carrier the carrier
	 * @param source a header source
	 * @return the values, empty when absent
	 */
	default List<String> all(C carrier, InboundSource source) {
		String value = get(carrier, source);
		return (value != null) ? List.of(value) : List.of();
	}

}
