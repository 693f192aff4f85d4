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

package io.tracestarter.app;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;

import io.tracestarter.core.TraceContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A servlet application with {@code @Async}, {@code @Scheduled}, Boot's executors and
 * executors of its own, and no trace, logging or propagation setting.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableAsync
@EnableScheduling
@Import({ AsyncTestApplication.AsyncController.class, AsyncTestApplication.AsyncWork.class,
		AsyncTestApplication.Ticker.class })
public class AsyncTestApplication {

	static final Logger logger = LoggerFactory.getLogger(AsyncTestApplication.class);

	@Bean(destroyMethod = "shutdown")
	ThreadPoolTaskExecutor userThreadPool() {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(2);
		executor.setThreadNamePrefix("user-pool-");
		return executor;
	}

	@Bean(destroyMethod = "shutdown")
	ExecutorService userExecutorService() {
		return Executors.newFixedThreadPool(2, (task) -> new Thread(task, "user-es-" + System.nanoTime()));
	}

	@Bean
	TaskExecutor userTaskExecutor(@Qualifier("userExecutorService") ExecutorService delegate) {
		return delegate::execute;
	}

	/** The user's own decorator: Boot composes it with the starter's. */
	@Bean
	TaskDecorator tenantTaskDecorator() {
		return (runnable) -> {
			String tenant = MDC.get("tenant");
			return () -> {
				String previous = MDC.get("tenant");
				MDC.put("tenant", (tenant != null) ? tenant : "none");
				try {
					runnable.run();
				}
				finally {
					if (previous != null) {
						MDC.put("tenant", previous);
					}
					else {
						MDC.remove("tenant");
					}
				}
			};
		};
	}

	@Component
	static class AsyncWork {

		@Async
		void voidTask(String tag) {
			logger.info("async void {}", tag);
		}

		@Async
		CompletableFuture<String> futureTask(String tag) {
			logger.info("async future {}", tag);
			return CompletableFuture.completedFuture(tag);
		}

		@Async
		void failingTask(String tag) {
			logger.info("async failing {}", tag);
			throw new IllegalStateException("async failure " + tag);
		}

	}

	@Component
	static class Ticker {

		@Scheduled(fixedRate = 50)
		void fixedRate() {
			logger.info("scheduled fixed-rate run");
			logger.info("scheduled fixed-rate run second line");
		}

		@Scheduled(cron = "* * * * * *")
		void cron() {
			logger.info("scheduled cron run");
		}

	}

	@RestController
	static class AsyncController {

		private final AsyncWork work;

		private final TaskExecutor applicationTaskExecutor;

		private final ThreadPoolTaskExecutor userThreadPool;

		private final ExecutorService userExecutorService;

		private final TaskExecutor userTaskExecutor;

		private final TaskScheduler taskScheduler;

		AsyncController(AsyncWork work, @Qualifier("applicationTaskExecutor") TaskExecutor applicationTaskExecutor,
				ThreadPoolTaskExecutor userThreadPool, ExecutorService userExecutorService,
				@Qualifier("userTaskExecutor") TaskExecutor userTaskExecutor, TaskScheduler taskScheduler) {
			this.work = work;
			this.applicationTaskExecutor = applicationTaskExecutor;
			this.userThreadPool = userThreadPool;
			this.userExecutorService = userExecutorService;
			this.userTaskExecutor = userTaskExecutor;
			this.taskScheduler = taskScheduler;
		}

		@GetMapping("/async/all")
		String all(@RequestParam String tag) throws Exception {
			MDC.put("tenant", "t-" + tag);
			try {
				logger.info("request {}", tag);
				this.work.voidTask(tag);
				this.work.futureTask(tag).get();
				this.applicationTaskExecutor.execute(() -> logger.info("boot executor {}", tag));
				this.userThreadPool.execute(() -> logger.info("user thread pool {}", tag));
				this.userExecutorService.submit(() -> logger.info("user executor service {}", tag)).get();
				this.userTaskExecutor.execute(() -> logger.info("user task executor {}", tag));
				CompletableFuture.supplyAsync(() -> {
					logger.info("supplyAsync {}", tag);
					return tag;
				}, this.applicationTaskExecutor).thenApplyAsync((value) -> {
					logger.info("thenApplyAsync {}", value);
					return value;
				}, this.userThreadPool).get();
				this.taskScheduler.schedule(() -> logger.info("timer {}", tag), Instant.now().plusMillis(20));
				CompletableFuture
					.runAsync(() -> logger.info("common pool wrapped {}", tag),
							TraceContext.wrap(ForkJoinPool.commonPool()))
					.get();
				return tag;
			}
			finally {
				MDC.remove("tenant");
			}
		}

		@GetMapping("/async/fail")
		String fail(@RequestParam String tag) {
			this.work.failingTask(tag);
			return tag;
		}

	}

}
