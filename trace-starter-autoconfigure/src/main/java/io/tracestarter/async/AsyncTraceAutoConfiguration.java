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

import io.micrometer.observation.ObservationHandler;
import io.tracestarter.autoconfigure.TraceAutoConfiguration;
import io.tracestarter.core.TraceHopRecorder;
import io.tracestarter.core.TraceIdResolver;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.support.ScheduledTaskObservationContext;

/**
 * The id follows every executor, scheduler and timer hop: a {@link TraceTaskDecorator}
 * bean that Boot's executor and scheduler builders compose with the user's decorators, a
 * bean post-processor for the executors the user declared, and a fresh id for each
 * {@code @Scheduled} run.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = TraceAutoConfiguration.class,
		before = { TaskExecutionAutoConfiguration.class, TaskSchedulingAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = { "trace.enabled", "trace.async.enabled" }, matchIfMissing = true)
public final class AsyncTraceAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TraceTaskDecorator traceTaskDecorator(ObjectProvider<TraceHopRecorder> hops) {
		return new TraceTaskDecorator(hops.getIfAvailable(TraceHopRecorder::none));
	}

	@Bean
	static TraceExecutorBeanPostProcessor traceExecutorBeanPostProcessor(ObjectProvider<TraceTaskDecorator> decorator) {
		return new TraceExecutorBeanPostProcessor(decorator);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ObservationHandler.class, ScheduledTaskObservationContext.class })
	static class ScheduledRunConfiguration {

		@Bean
		ScheduledRunTraceObservationHandler scheduledRunTraceObservationHandler(TraceIdResolver resolver,
				ObjectProvider<TraceHopRecorder> hops) {
			return new ScheduledRunTraceObservationHandler(resolver, hops.getIfAvailable(TraceHopRecorder::none));
		}

		@Bean
		TraceSchedulingConfigurer traceSchedulingConfigurer(ScheduledRunTraceObservationHandler handler) {
			return new TraceSchedulingConfigurer(handler);
		}

	}

}
