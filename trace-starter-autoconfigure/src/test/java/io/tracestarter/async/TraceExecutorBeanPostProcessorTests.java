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

import java.lang.reflect.Field;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The executor post-processor reads a private field of Spring's executors to keep the
 * user's task decorator beside ours (that behaviour is tested in
 * {@code AsyncTraceAutoConfigurationTests}). This test fails as soon as a Spring upgrade
 * removes or renames the field.
 */
class TraceExecutorBeanPostProcessorTests {

	@ParameterizedTest
	@ValueSource(
			classes = { ThreadPoolTaskExecutor.class, ThreadPoolTaskScheduler.class, SimpleAsyncTaskExecutor.class })
	void theFieldItReadsStillExists(Class<?> executorType) {
		Field field = TraceExecutorBeanPostProcessor.taskDecoratorField(executorType);
		assertThat(field).as("%s.%s", executorType.getName(), TraceExecutorBeanPostProcessor.TASK_DECORATOR_FIELD)
			.isNotNull();
		assertThat(field.getType()).isEqualTo(TaskDecorator.class);
	}

}
