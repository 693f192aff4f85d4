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
import java.util.concurrent.atomic.AtomicReference;

import io.tracestarter.core.TraceContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end of a handler chain arrives under the request's id, past the Reactor context
 * that carries it, with automatic context propagation on as the starter runs it.
 */
class CompletionUnderIdTests {

	@BeforeEach
	void automaticPropagation() {
		Hooks.enableAutomaticContextPropagation();
	}

	@AfterEach
	void noHooks() {
		Hooks.disableAutomaticContextPropagation();
	}

	@Test
	void completionAfterTheContextBoundaryCarriesTheId() {
		AtomicReference<String> seen = new AtomicReference<>("unset");
		Mono<Void> handled = Mono.delay(Duration.ofMillis(5))
			.then()
			.contextWrite((context) -> context.put(TraceContext.CONTEXT_KEY, "req-1"));
		CompletionUnderId.of(handled, () -> "req-1", () -> null)
			.doOnSuccess((done) -> seen.set(TraceContext.currentTraceId()))
			.block(Duration.ofSeconds(5));
		assertThat(seen).hasValue("req-1");
		assertThat(TraceContext.currentTraceId()).isNull();
	}

	@Test
	void withoutItTheIdIsGoneThere() {
		AtomicReference<String> seen = new AtomicReference<>("unset");
		Mono.delay(Duration.ofMillis(5))
			.then()
			.contextWrite((context) -> context.put(TraceContext.CONTEXT_KEY, "req-2"))
			.doOnSuccess((done) -> seen.set(TraceContext.currentTraceId()))
			.block(Duration.ofSeconds(5));
		assertThat(seen.get()).isNull();
	}

	@Test
	void anErrorAfterTheBoundaryCarriesTheIdAndNoIdMeansNothingIsSet() {
		AtomicReference<String> seen = new AtomicReference<>("unset");
		Mono<Void> failed = Mono.delay(Duration.ofMillis(5)).then(Mono.<Void>error(new IllegalStateException("x")));
		CompletionUnderId.of(failed, () -> "req-3", () -> null)
			.doOnError((ex) -> seen.set(TraceContext.currentTraceId()))
			.onErrorComplete()
			.block(Duration.ofSeconds(5));
		assertThat(seen).hasValue("req-3");
		CompletionUnderId.of(Mono.empty(), () -> null, () -> null)
			.doOnSuccess((done) -> seen.set(TraceContext.currentTraceId()))
			.block(Duration.ofSeconds(5));
		assertThat(seen.get()).isNull();
	}

}
