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

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceScope;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request's ids reach the chain upstream as through {@code contextWrite}, with
 * automatic context propagation on as the starter runs it, without the restoring of every
 * other value that {@code contextWrite} does there.
 */
class IdsInContextTests {

	private static final String PROBE_KEY = "ids-in-context-probe";

	private final ThreadLocal<String> probe = new ThreadLocal<>();

	private final AtomicInteger probeSets = new AtomicInteger();

	@BeforeEach
	void automaticPropagation() {
		Hooks.enableAutomaticContextPropagation();
		ContextRegistry.getInstance().registerThreadLocalAccessor(new ProbeAccessor());
	}

	@AfterEach
	void noHooks() {
		Hooks.disableAutomaticContextPropagation();
		ContextRegistry.getInstance().removeThreadLocalAccessor(PROBE_KEY);
	}

	@Test
	void theChainIsSubscribedUnderTheIdAndCarriesItAcrossThreads() {
		Mono<String> chain = Mono.fromCallable(TraceContext::currentTraceId)
			.publishOn(Schedulers.boundedElastic())
			.map((atSubscribe) -> atSubscribe + "/" + TraceContext.currentTraceId() + "/"
					+ Thread.currentThread().getName().startsWith("boundedElastic"));
		String seen = IdsInContext.of(chain, (context) -> context.put(TraceContext.CONTEXT_KEY, "req-1"), "req-1", null)
			.block(Duration.ofSeconds(5));
		assertThat(seen).isEqualTo("req-1/req-1/true");
		assertThat(TraceContext.currentTraceId()).isNull();
	}

	@Test
	void withNoIdTheChainIsSubscribedWithNone() {
		String seen;
		try (TraceScope scope = TraceContext.open("stale-1")) {
			seen = IdsInContext
				.of(Mono.fromCallable(() -> String.valueOf(TraceContext.currentTraceId())), Function.identity(), null,
						null)
				.block(Duration.ofSeconds(5));
			assertThat(TraceContext.currentTraceId()).isEqualTo("stale-1");
		}
		assertThat(seen).isEqualTo("null");
	}

	@Test
	void otherValuesOfTheContextAreNotRestoredAroundItsSignals() {
		int alone = probeSetsOver((value) -> value);
		int ours = probeSetsOver((value) -> IdsInContext.of(value,
				(context) -> context.put(TraceContext.CONTEXT_KEY, "req-2"), "req-2", null));
		int contextWrite = probeSetsOver(
				(value) -> value.contextWrite((context) -> context.put(TraceContext.CONTEXT_KEY, "req-2")));
		// The probe's own contextWrite sets it (on subscribe, request and around the
		// signals): ours adds no set of it, a contextWrite in its place adds its own.
		assertThat(alone).isPositive();
		assertThat(ours).isEqualTo(alone);
		assertThat(contextWrite).isGreaterThan(alone);
	}

	private int probeSetsOver(Function<Mono<Integer>, Mono<Integer>> withId) {
		this.probeSets.set(0);
		for (int i = 0; i < 100; i++) {
			withId.apply(Mono.just(i)).contextWrite(probeInContext()).block(Duration.ofSeconds(5));
		}
		return this.probeSets.get();
	}

	private static Function<Context, Context> probeInContext() {
		return (context) -> context.put(PROBE_KEY, "probe");
	}

	private final class ProbeAccessor implements ThreadLocalAccessor<String> {

		@Override
		public Object key() {
			return PROBE_KEY;
		}

		@Override
		public @Nullable String getValue() {
			return IdsInContextTests.this.probe.get();
		}

		@Override
		public void setValue(String value) {
			IdsInContextTests.this.probeSets.incrementAndGet();
			IdsInContextTests.this.probe.set(value);
		}

		@Override
		public void setValue() {
			IdsInContextTests.this.probe.remove();
		}

	}

}
