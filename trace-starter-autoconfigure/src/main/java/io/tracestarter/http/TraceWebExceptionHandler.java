package io.tracestarter.http;

import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceScope;
import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Runs a WebFlux exception handler under the exchange's trace id. Spring calls exception
 * handlers outside the web filter chain, so the Reactor context the
 * {@link TraceWebFilter} wrote is gone by then; the id is taken from the exchange
 * attribute instead. Without this, Boot's "500 Server Error" line carries no id.
 */
final class TraceWebExceptionHandler implements WebExceptionHandler {

	private final WebExceptionHandler delegate;

	TraceWebExceptionHandler(WebExceptionHandler delegate) {
		this.delegate = delegate;
	}

	static WebExceptionHandler wrap(WebExceptionHandler handler) {
		return (handler instanceof TraceWebExceptionHandler) ? handler : new TraceWebExceptionHandler(handler);
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		String traceId = exchange.getAttribute(TraceWebFilter.TRACE_ID_ATTRIBUTE);
		if (traceId == null) {
			return this.delegate.handle(exchange, ex);
		}
		Mono<Void> result;
		try (TraceScope scope = TraceScope.open(traceId)) {
			result = this.delegate.handle(exchange, ex);
		}
		return result.contextWrite((context) -> context.put(TraceContext.CONTEXT_KEY, traceId));
	}

}
