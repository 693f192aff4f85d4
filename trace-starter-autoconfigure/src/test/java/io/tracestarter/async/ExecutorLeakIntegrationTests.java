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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.tracestarter.JsonLines;
import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Pools the user declared, decorated by the starter's post-processor: 10,000 interleaved
 * tasks from 1,000 ids, then failures of every kind, and no id left behind.
 */
@SpringBootTest(classes = ExecutorLeakIntegrationTests.LeakApplication.class, webEnvironment = WebEnvironment.NONE)
@ExtendWith(OutputCaptureExtension.class)
class ExecutorLeakIntegrationTests {

	private static final Logger logger = LoggerFactory.getLogger(ExecutorLeakIntegrationTests.class);

	@Autowired
	@Qualifier("onePool")
	private ThreadPoolTaskExecutor onePool;

	@Autowired
	@Qualifier("fourPool")
	private ThreadPoolTaskExecutor fourPool;

	@Autowired
	@Qualifier("tinyPool")
	private ThreadPoolTaskExecutor tinyPool;

	@Test
	void tenThousandInterleavedTasksNeverShowAWrongOrStaleId(CapturedOutput output) throws Exception {
		List<Future<?>> futures = new ArrayList<>();
		for (int i = 0; i < 10_000; i++) {
			ThreadPoolTaskExecutor pool = (i % 2 == 0) ? this.onePool : this.fourPool;
			// Every tenth task is submitted with no id: it must log none, never a stale
			// one.
			String id = (i % 10 == 9) ? null : "leak-" + (i % 1000);
			try (TraceScope scope = TraceContext.open(id)) {
				futures.add(pool.submit(() -> logger.info("leak task expects {}", id)));
			}
		}
		for (Future<?> future : futures) {
			future.get(30, TimeUnit.SECONDS);
		}
		List<Map<String, Object>> lines = JsonLines.withMessage(output, (message) -> message.startsWith("leak task"));
		assertThat(lines).hasSize(10_000);
		long wrong = lines.stream().filter((line) -> {
			String expected = ((String) line.get("message")).substring("leak task expects ".length());
			Object actual = line.get("trace_id");
			return expected.equals("null") ? actual != null : !expected.equals(actual);
		}).count();
		assertThat(wrong).as("lines with a wrong or missing id").isZero();
		assertPoolThreadsHoldNoId(this.onePool, 1);
		assertPoolThreadsHoldNoId(this.fourPool, 4);
	}

	@Test
	void throwingTaskLeavesNothingBehind(CapturedOutput output) throws Exception {
		Future<?> future;
		try (TraceScope scope = TraceContext.open("throw-1")) {
			future = this.onePool.submit(() -> {
				logger.info("about to throw");
				throw new IllegalStateException("task failure");
			});
		}
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> future.get(10, TimeUnit.SECONDS));
		assertThat(JsonLines.withMessage(output, "about to throw"::equals)).singleElement()
			.satisfies((line) -> assertThat(line).containsEntry("trace_id", "throw-1"));
		assertPoolThreadsHoldNoId(this.onePool, 1);
	}

	@Test
	void rejectedAndCancelledTasksLeaveNothingBehind() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		try (TraceScope scope = TraceContext.open("reject-1")) {
			Future<?> blocker = this.tinyPool.submit(() -> await(release));
			Future<?> queued = this.tinyPool.submit(() -> logger.info("never runs"));
			assertThatExceptionOfType(TaskRejectedException.class)
				.isThrownBy(() -> this.tinyPool.execute(() -> logger.info("rejected")));
			assertThat(TraceContext.currentTraceId()).isEqualTo("reject-1");
			assertThat(queued.cancel(false)).isTrue();
			release.countDown();
			blocker.get(10, TimeUnit.SECONDS);
		}
		assertPoolThreadsHoldNoId(this.tinyPool, 1);
	}

	/**
	 * Runs one probe on each pool thread straight on the JDK pool, bypassing every
	 * decorator, and reads what the thread really holds.
	 */
	private static void assertPoolThreadsHoldNoId(ThreadPoolTaskExecutor pool, int threads) throws Exception {
		ThreadPoolExecutor raw = pool.getThreadPoolExecutor();
		CountDownLatch allStarted = new CountDownLatch(threads);
		List<Future<String>> probes = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			probes.add(raw.submit(() -> {
				allStarted.countDown();
				await(allStarted);
				return MDC.get("trace_id") + "/" + TraceContext.currentTraceId();
			}));
		}
		for (Future<String> probe : probes) {
			assertThat(probe.get(10, TimeUnit.SECONDS)).isEqualTo("null/null");
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class LeakApplication {

		@Bean(destroyMethod = "shutdown")
		ThreadPoolTaskExecutor onePool() {
			return pool(1, Integer.MAX_VALUE, "one-");
		}

		@Bean(destroyMethod = "shutdown")
		ThreadPoolTaskExecutor fourPool() {
			return pool(4, Integer.MAX_VALUE, "four-");
		}

		@Bean(destroyMethod = "shutdown")
		ThreadPoolTaskExecutor tinyPool() {
			return pool(1, 1, "tiny-");
		}

		private static ThreadPoolTaskExecutor pool(int threads, int queueCapacity, String prefix) {
			ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
			executor.setCorePoolSize(threads);
			executor.setMaxPoolSize(threads);
			executor.setQueueCapacity(queueCapacity);
			executor.setThreadNamePrefix(prefix);
			return executor;
		}

	}

}
