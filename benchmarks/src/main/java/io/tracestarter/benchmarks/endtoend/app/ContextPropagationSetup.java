package io.tracestarter.benchmarks.endtoend.app;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;

/**
 * What a careful Micrometer Tracing user declares by hand so that tracing follows Boot's
 * executors; the driver switches it on for the variants with Micrometer Tracing.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "bench.context-propagating-task-decorator", havingValue = "true")
class ContextPropagationSetup {

	@Bean
	TaskDecorator contextPropagatingTaskDecorator() {
		return new ContextPropagatingTaskDecorator();
	}

}
