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

package io.tracestarter.kafka;

import io.tracestarter.autoconfigure.TraceAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CompositeRecordInterceptor;
import org.springframework.kafka.listener.RecordInterceptor;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaTraceAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TraceAutoConfiguration.class, KafkaTraceAutoConfiguration.class,
				KafkaAutoConfiguration.class));

	@Test
	void bootsListenerFactoryGetsTheRecordInterceptor() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(KafkaTraceComponents.class);
			ConcurrentKafkaListenerContainerFactory<?, ?> factory = context
				.getBean(ConcurrentKafkaListenerContainerFactory.class);
			assertThat(factory.getRecordInterceptor()).isInstanceOf(TraceRecordInterceptor.class);
		});
	}

	@Test
	void composesWithTheUsersRecordInterceptor() {
		this.contextRunner.withBean(RecordInterceptor.class, () -> (record, consumer) -> record).run((context) -> {
			ConcurrentKafkaListenerContainerFactory<?, ?> factory = context
				.getBean(ConcurrentKafkaListenerContainerFactory.class);
			assertThat(factory.getRecordInterceptor()).isInstanceOf(CompositeRecordInterceptor.class);
		});
	}

	@Test
	void toggleOffRemovesTheInterceptors() {
		this.contextRunner.withPropertyValues("trace.kafka.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(KafkaTraceComponents.class)
				.doesNotHaveBean(KafkaTraceBeanPostProcessor.class);
			assertThat(context.getBean(ConcurrentKafkaListenerContainerFactory.class).getRecordInterceptor()).isNull();
			assertThat(context.getBean(KafkaTemplate.class).getClass()).isEqualTo(KafkaTemplate.class);
		});
	}

	@Test
	void appWithoutSpringKafkaStartsCleanly() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TraceAutoConfiguration.class, KafkaTraceAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(KafkaTemplate.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(KafkaTraceComponents.class));
	}

}
