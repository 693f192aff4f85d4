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

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An executor bean declared by interface is proxied: every task handed in, alone or in a
 * collection, runs under its submitter's id.
 */
class TaskDecoratingInvocationHandlerTests {

	private final ExecutorService target = Executors.newSingleThreadExecutor();

	private final ExecutorService executor = (ExecutorService) Proxy.newProxyInstance(getClass().getClassLoader(),
			new Class<?>[] { ExecutorService.class },
			new TaskDecoratingInvocationHandler(this.target, new TraceTaskDecorator()));

	@AfterEach
	void shutdown() {
		this.target.shutdownNow();
	}

	@Test
	void aSubmittedTaskRunsUnderTheSubmittersId() throws Exception {
		Future<String> seen;
		try (TraceScope scope = TraceContext.open("submit-1")) {
			seen = this.executor.submit(TraceContext::currentTraceId);
		}
		assertThat(seen.get(5, TimeUnit.SECONDS)).isEqualTo("submit-1");
	}

	@Test
	void everyTaskOfInvokeAllRunsUnderTheSubmittersId() throws Exception {
		List<Callable<String>> tasks = List.of(TraceContext::currentTraceId, TraceContext::currentTraceId);
		List<Future<String>> results;
		try (TraceScope scope = TraceContext.open("all-1")) {
			results = this.executor.invokeAll(tasks);
		}
		for (Future<String> result : results) {
			assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("all-1");
		}
	}

	@Test
	void aTaskSubmittedWithoutAnIdLeavesThePoolThreadWithNone() throws Exception {
		try (TraceScope scope = TraceContext.open("earlier-1")) {
			this.executor.submit(() -> {
			}).get(5, TimeUnit.SECONDS);
		}
		assertThat(this.executor.submit(TraceContext::currentTraceId).get(5, TimeUnit.SECONDS)).isNull();
	}

	@Test
	void methodsWithoutTasksReachTheTarget() {
		assertThat(this.executor.isShutdown()).isFalse();
	}

}
