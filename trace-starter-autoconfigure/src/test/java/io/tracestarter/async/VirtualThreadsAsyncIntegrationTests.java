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
