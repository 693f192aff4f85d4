package io.tracestarter.http;

import io.tracestarter.autoconfigure.TraceProperties;
import io.tracestarter.autoconfigure.TraceProperties.Http.ResponseHeader;
import org.jspecify.annotations.Nullable;

/**
 * Which header, if any, echoes the id in responses.
 *
 * @param headerName the header, or {@code null} when responses carry no id
 */
record ResponseHeaderPolicy(@Nullable String headerName) {

	static ResponseHeaderPolicy of(TraceProperties.Http http) {
		return new ResponseHeaderPolicy((http.getResponseHeader() == ResponseHeader.ALWAYS) ? http.getHeaderName() : null);
	}

}
