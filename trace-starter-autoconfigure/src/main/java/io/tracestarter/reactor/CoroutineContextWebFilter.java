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

package io.tracestarter.reactor;

import kotlin.coroutines.CoroutineContext;
import kotlinx.coroutines.Dispatchers;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.PropagationContextElement;
import org.springframework.web.server.CoWebFilter;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Gives the coroutines of each WebFlux exchange Spring's
 * {@link PropagationContextElement}, so the trace id is restored on whatever thread a
 * coroutine resumes on.
 * <p>
 * Spring adds that element on its own only to annotated {@code suspend} handlers, and
 * only while no {@code CoWebFilter} ran before them: {@code coRouter} handlers,
 * {@code CoWebFilter}s and the handlers after one start their coroutines in the context
 * held by the exchange attribute {@link CoWebFilter#COROUTINE_CONTEXT_ATTRIBUTE}, with no
 * such element, and lose the id after a {@code delay()} or in
 * {@code withContext(Dispatchers.IO)}. This filter fills that attribute first, with the
 * same context Spring uses for annotated handlers.
 *
 * @since 0.1.0
 */
final class CoroutineContextWebFilter implements WebFilter, Ordered {

	@Override
	public int getOrder() {
		// Right after TraceWebFilter, before any filter of the application.
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		// As Spring's own CoroutinesUtils: in limited mode thread-locals are not
		// restored.
		if (Hooks.isAutomaticContextPropagationEnabled()) {
			Object context = exchange.getAttributes().get(CoWebFilter.COROUTINE_CONTEXT_ATTRIBUTE);
			if (context == null) {
				exchange.getAttributes()
					.put(CoWebFilter.COROUTINE_CONTEXT_ATTRIBUTE,
							Dispatchers.getUnconfined().plus(new PropagationContextElement()));
			}
			else if (context instanceof CoroutineContext given && given.get(PropagationContextElement.Key) == null) {
				exchange.getAttributes()
					.put(CoWebFilter.COROUTINE_CONTEXT_ATTRIBUTE, given.plus(new PropagationContextElement()));
			}
		}
		return chain.filter(exchange);
	}

}
