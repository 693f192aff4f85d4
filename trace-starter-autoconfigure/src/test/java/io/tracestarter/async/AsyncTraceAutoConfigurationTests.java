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

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.observation.ObservationHandler;
import io.tracestarter.autoconfigure.TraceAutoConfiguration;
import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceScope;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;

class AsyncTraceAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TraceAutoConfiguration.class, AsyncTraceAutoConfiguration.class,
				TaskExecutionAutoConfiguration.class));

	@Test
	void bootsExecutorRunsTasksUnderTheSubmittersId() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(TraceTaskDecorator.class)
				.hasSingleBean(ScheduledRunTraceObservationHandler.class);
			assertThat(idSeenByTask(context.getBean("applicationTaskExecutor", ThreadPoolTaskExecutor.class)))
				.isEqualTo("submitter-1");
		});
	}

	@Test
	void toggleOffRestoresPlainBehaviour() {
		this.contextRunner.withPropertyValues("trace.async.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(TraceTaskDecorator.class)
				.doesNotHaveBean(TraceExecutorBeanPostProcessor.class);
			assertThat(idSeenByTask(context.getBean("applicationTaskExecutor", ThreadPoolTaskExecutor.class)))
				.isEqualTo("null");
		});
		this.contextRunner.withPropertyValues("trace.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TraceTaskDecorator.class));
	}

	@Test
	void usersOwnDecoratorStillRuns() {
		this.contextRunner.withBean("markerDecorator", TaskDecorator.class, () -> (runnable) -> () -> {
			Thread.currentThread().setName(Thread.currentThread().getName().replace("-marked", "") + "-marked");
			runnable.run();
		}).run((context) -> {
			ThreadPoolTaskExecutor executor = context.getBean("applicationTaskExecutor", ThreadPoolTaskExecutor.class);
			assertThat(idSeenByTask(executor)).isEqualTo("submitter-1");
			assertThat(executor.submitCompletable(() -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS))
				.endsWith("-marked");
		});
	}

	@Test
	void userDeclaredPoolGetsTheDecoratorComposedWithItsOwn() {
		this.contextRunner.withBean("userPool", ThreadPoolTaskExecutor.class, () -> {
			ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
			executor.setTaskDecorator((runnable) -> () -> {
				Thread.currentThread().setName("user-decorated");
				runnable.run();
			});
			return executor;
		}).run((context) -> {
			ThreadPoolTaskExecutor executor = context.getBean("userPool", ThreadPoolTaskExecutor.class);
			assertThat(idSeenByTask(executor)).isEqualTo("submitter-1");
			assertThat(executor.submitCompletable(() -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS))
				.isEqualTo("user-decorated");
		});
	}

	@Test
	void withoutMicrometerObservationExecutorsAreStillDecorated() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ObservationHandler.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(TraceTaskDecorator.class)
				.doesNotHaveBean(ScheduledRunTraceObservationHandler.class));
	}

	private static String idSeenByTask(ThreadPoolTaskExecutor executor) throws Exception {
		CompletableFuture<String> seen;
		try (TraceScope scope = TraceContext.open("submitter-1")) {
			seen = executor.submitCompletable(() -> String.valueOf(TraceContext.currentTraceId()));
		}
		return seen.get(5, TimeUnit.SECONDS);
	}

}
