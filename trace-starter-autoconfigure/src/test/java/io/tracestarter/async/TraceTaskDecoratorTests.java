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

package io.tracestarter.async;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import io.tracestarter.core.RecordingHops;
import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceScope;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A task runs under its submitter's id (or none), and the thread keeps what it had
 * before.
 */
class TraceTaskDecoratorTests {

	private final RecordingHops hops = new RecordingHops();

	private final TraceTaskDecorator decorator = new TraceTaskDecorator(this.hops);

	@Test
	void aTaskRunsUnderItsSubmittersIdAndTheRunnerKeepsItsOwn() throws Exception {
		AtomicReference<String> seen = new AtomicReference<>();
		Runnable task;
		try (TraceScope scope = TraceContext.open("submitter-1")) {
			task = this.decorator.decorate(() -> seen.set(TraceContext.currentTraceId()));
		}
		try (TraceScope scope = TraceContext.open("runner-1")) {
			task.run();
			assertThat(TraceContext.currentTraceId()).isEqualTo("runner-1");
		}
		assertThat(seen).hasValue("submitter-1");
		assertThat(this.hops.hops()).containsExactly("submitter-1 async hop");
	}

	@Test
	void aTaskSubmittedWithoutAnIdRunsWithNone() {
		AtomicReference<String> seen = new AtomicReference<>("unset");
		Runnable task = this.decorator.decorate(() -> seen.set(TraceContext.currentTraceId()));
		try (TraceScope scope = TraceContext.open("stale-1")) {
			task.run();
		}
		assertThat(seen.get()).isNull();
		assertThat(this.hops.hops()).isEmpty();
	}

	@Test
	void aCallableIsWrappedTheSameWayAndOnlyOnce() throws Exception {
		Callable<String> callable;
		try (TraceScope scope = TraceContext.open("submitter-2")) {
			callable = this.decorator.decorate(TraceContext::currentTraceId);
			assertThat(this.decorator.decorate(callable)).isSameAs(callable);
		}
		assertThat(callable.call()).isEqualTo("submitter-2");
		assertThat(TraceContext.currentTraceId()).isNull();
	}

	@Test
	void aTaskOnItsSubmittersOwnThreadRecordsNoHop() {
		try (TraceScope scope = TraceContext.open("same-1")) {
			this.decorator.decorate(() -> {
			}).run();
		}
		assertThat(this.hops.hops()).isEmpty();
	}

}
