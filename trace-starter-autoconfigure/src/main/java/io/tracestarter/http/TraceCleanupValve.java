package io.tracestarter.http;

import java.io.IOException;

import io.tracestarter.core.TraceScope;
import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * Tomcat context valve that clears the trace id when a request leaves the web
 * application. With it in place the {@link TraceServletFilter} can leave the id set when
 * the filter chain throws, so the line Tomcat logs for the escaped exception ("Servlet
 * .service() ... threw exception", written after every filter has returned) still carries
 * it; nothing stays on the pooled thread.
 */
final class TraceCleanupValve extends ValveBase {

	static final String PRESENT_ATTRIBUTE = TraceCleanupValve.class.getName() + ".present";

	TraceCleanupValve() {
		super(true);
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		request.setAttribute(PRESENT_ATTRIBUTE, Boolean.TRUE);
		try (TraceScope scope = TraceScope.open(null)) {
			getNext().invoke(request, response);
		}
	}

}
