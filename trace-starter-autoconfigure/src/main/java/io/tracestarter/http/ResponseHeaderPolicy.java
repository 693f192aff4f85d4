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
