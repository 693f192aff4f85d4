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

import io.tracestarter.app.AsyncTestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same hops with {@code spring.threads.virtual.enabled=true}: Boot then builds a
 * virtual-thread {@code SimpleAsyncTaskExecutor} and {@code SimpleAsyncTaskScheduler}.
 * Virtual threads need Java 21; on an older JVM Boot ignores the property, so the class
 * runs only from Java 21 on.
 */
@EnabledForJreRange(min = JRE.JAVA_21)
@SpringBootTest(classes = AsyncTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "spring.task.execution.mode=force",
				"spring.threads.virtual.enabled=true", "management.tracing.export.otlp.enabled=false",
				"management.otlp.metrics.export.enabled=false" })
class VirtualThreadsAsyncIntegrationTests extends AsyncTraceIntegrationTests {

	@Autowired
	private ApplicationContext context;

	@Test
	void bootBuiltVirtualThreadExecutors() {
		assertThat(this.context.getBean("applicationTaskExecutor")).isInstanceOf(SimpleAsyncTaskExecutor.class);
		assertThat(this.context.getBean("taskScheduler")).isInstanceOf(SimpleAsyncTaskScheduler.class);
	}

}
