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

package io.tracestarter.compat;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring MVC on Tomcat with {@code spring.threads.virtual.enabled=true}, run on a Java
 * 21+ JVM by its own Surefire execution: Tomcat serves requests on virtual threads, and
 * Boot's task executor and Kafka listener containers use them too. Every hop carries the
 * id.
 */
@TestPropertySource(properties = "spring.threads.virtual.enabled=true")
class VirtualThreadsTests extends EveryHopTests {

	@Override
	String webServer() {
		return "TomcatWebServer";
	}

	@Override
	List<String> absentClasses() {
		return List.of("org.eclipse.jetty.server.Server");
	}

	@Test
	void runsOnAJvmWithVirtualThreadsAndBootBuiltVirtualThreadExecutors() throws Exception {
		assertThat(Runtime.version().feature()).isGreaterThanOrEqualTo(21);
		assertThat(this.context.getBean("applicationTaskExecutor")).isInstanceOf(SimpleAsyncTaskExecutor.class);
		Thread probe = (Thread) Thread.class.getMethod("startVirtualThread", Runnable.class)
			.invoke(null, (Runnable) () -> {
			});
		assertThat((boolean) Thread.class.getMethod("isVirtual").invoke(probe)).isTrue();
	}

}
