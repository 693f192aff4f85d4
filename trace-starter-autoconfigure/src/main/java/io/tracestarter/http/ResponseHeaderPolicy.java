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

package io.tracestarter.http;

import io.tracestarter.autoconfigure.TraceProperties;
import io.tracestarter.autoconfigure.TraceProperties.Http.ResponseHeader;
import io.tracestarter.core.TraceIdResolver;
import org.jspecify.annotations.Nullable;

/**
 * Which header, if any, echoes the id in responses, and for which requests.
 *
 * @param headerName the header, or {@code null} when responses carry no id
 * @param inboundOnly whether only ids that came from the client are echoed
 */
record ResponseHeaderPolicy(@Nullable String headerName, boolean inboundOnly) {

	ResponseHeaderPolicy(@Nullable String headerName) {
		this(headerName, false);
	}

	static ResponseHeaderPolicy of(TraceProperties.Http http) {
		return new ResponseHeaderPolicy(
				(http.getResponseHeader() != ResponseHeader.NEVER) ? http.getHeaderName() : null,
				http.getResponseHeader() == ResponseHeader.INBOUND);
	}

	/**
	 * Return the header to set for this request.
	 * @param resolved how the request's id was found
	 * @return the header, or {@code null} for none
	 */
	@Nullable String headerFor(TraceIdResolver.ResolvedTraceId resolved) {
		return (this.inboundOnly && !resolved.isInbound()) ? null : this.headerName;
	}

}
