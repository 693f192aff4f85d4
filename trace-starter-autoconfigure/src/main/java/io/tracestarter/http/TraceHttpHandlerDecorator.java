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

import reactor.core.publisher.Mono;

import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;

/**
 * Runs the whole WebFlux {@link HttpHandler} under the request's id, so that the lines
 * Spring writes outside the web filter chain ({@code HttpWebHandlerAdapter}'s
 * {@code HTTP GET "/path"} and {@code Completed 200 OK}) carry it. The id is resolved
 * here, once, by the {@link TraceWebFilter}'s rules; the filter then takes it from the
 * Reactor context.
 */
final class TraceHttpHandlerDecorator implements HttpHandler {

	private final HttpHandler delegate;

	private final TraceWebFilter filter;

	TraceHttpHandlerDecorator(HttpHandler delegate, TraceWebFilter filter) {
		this.delegate = delegate;
		this.filter = filter;
	}

	@Override
	public Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response) {
		return this.filter.handle(request, response, this.delegate);
	}

}
