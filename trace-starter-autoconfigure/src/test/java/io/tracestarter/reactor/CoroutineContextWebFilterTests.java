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

import kotlin.coroutines.ContinuationInterceptor;
import kotlin.coroutines.CoroutineContext;
import kotlinx.coroutines.Dispatchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;

import org.springframework.core.PropagationContextElement;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.CoWebFilter;
import org.springframework.web.server.ServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class CoroutineContextWebFilterTests {

	private final CoroutineContextWebFilter filter = new CoroutineContextWebFilter();

	private final ServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));

	@BeforeEach
	void automaticPropagation() {
		Hooks.enableAutomaticContextPropagation();
	}

	@AfterEach
	void leaveAutomaticPropagationOn() {
		Hooks.enableAutomaticContextPropagation();
	}

	@Test
	void givesCoroutinesTheUnconfinedDispatcherAndThePropagationElement() {
		CoroutineContext context = filteredContext();
		assertThat(context).isNotNull();
		assertThat(context.get(ContinuationInterceptor.Key)).isSameAs(Dispatchers.getUnconfined());
		assertThat(context.get(PropagationContextElement.Key)).isInstanceOf(PropagationContextElement.class);
	}

	@Test
	void addsThePropagationElementToTheContextOfAnEarlierFilter() {
		this.exchange.getAttributes().put(CoWebFilter.COROUTINE_CONTEXT_ATTRIBUTE, Dispatchers.getIO());
		CoroutineContext context = filteredContext();
		assertThat(context).isNotNull();
		assertThat(context.get(ContinuationInterceptor.Key)).isSameAs(Dispatchers.getIO());
		assertThat(context.get(PropagationContextElement.Key)).isInstanceOf(PropagationContextElement.class);
	}

	@Test
	void keepsAContextThatHasThePropagationElement() {
		CoroutineContext given = Dispatchers.getIO().plus(new PropagationContextElement());
		this.exchange.getAttributes().put(CoWebFilter.COROUTINE_CONTEXT_ATTRIBUTE, given);
		assertThat(filteredContext()).isSameAs(given);
	}

	@Test
	void leavesCoroutinesAloneInLimitedMode() {
		Hooks.disableAutomaticContextPropagation();
		assertThat(filteredContext()).isNull();
	}

	private CoroutineContext filteredContext() {
		Object[] seen = new Object[1];
		this.filter
			.filter(this.exchange,
					(filtered) -> Mono.fromRunnable(
							() -> seen[0] = filtered.getAttributes().get(CoWebFilter.COROUTINE_CONTEXT_ATTRIBUTE)))
			.block();
		return (CoroutineContext) seen[0];
	}

}
