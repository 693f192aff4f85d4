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

import io.tracestarter.core.TraceScope;
import io.tracestarter.core.W3cTraceContext;
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
		W3cTraceContext w3c = exchange.getAttribute(TraceWebFilter.W3C_ATTRIBUTE);
		Mono<Void> result;
		try (TraceScope scope = TraceScope.open(traceId, w3c)) {
			result = this.delegate.handle(exchange, ex);
		}
		return TraceWebFilter.withIds(result, traceId, w3c);
	}

}
