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
 * Writes the trace id into a transport's outbound carrier: HTTP request headers, gRPC
 * metadata, Kafka record headers. The header name is the setter's own.
 *
 * @param <C> the carrier
 * @since 0.1.0
 */
public interface OutboundSetter<C> {

	/**
	 * Return whether the caller already put an id into {@code carrier}.
	 * @param carrier the carrier
	 * @return {@code true} to leave the carrier alone
	 */
	boolean isSet(C carrier);

	/**
	 * Put {@code traceId} into {@code carrier}.
	 * @param carrier the carrier
	 * @param traceId the id
	 */
	void set(C carrier, String traceId);

	/**
	 * Say in {@code carrier} that the trace is sampled out, with
	 * {@link RequestSampling#SAMPLED_HEADER}, so the receiver drops its lines too.
	 * @param carrier the carrier
	 */
	void setSampledOut(C carrier);

	/**
	 * Return whether the caller already put a {@code traceparent} into {@code carrier}.
	 * @param carrier the carrier
	 * @return {@code true} to leave W3C Trace Context alone
	 */
	boolean hasTraceparent(C carrier);

	/**
	 * Put W3C Trace Context into {@code carrier}.
	 * @param carrier the carrier
	 * @param traceparent the {@code traceparent} value
	 * @param tracestate the {@code tracestate} value; {@code ""} means send none
	 */
	void setW3c(C carrier, String traceparent, String tracestate);

}
