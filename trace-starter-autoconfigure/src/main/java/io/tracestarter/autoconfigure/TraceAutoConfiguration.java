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

package io.tracestarter.autoconfigure;

import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.tracestarter.core.ApplicationIds;
import io.tracestarter.core.InboundTrust;
import io.tracestarter.core.TraceIdGenerator;
import io.tracestarter.core.TraceIdResolver;
import io.tracestarter.core.TraceIdValidator;
import io.tracestarter.core.TraceMetrics;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.MethodMetadata;
import org.springframework.util.ClassUtils;

/**
 * The trace id core every layer uses: validation, resolution of inbound ids, generation
 * and counters.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "trace.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TraceProperties.class)
public final class TraceAutoConfiguration {

	private static final Set<String> STARTER_PACKAGES = Set.of("io.tracestarter.actuate", "io.tracestarter.async",
			"io.tracestarter.autoconfigure", "io.tracestarter.core", "io.tracestarter.grpc", "io.tracestarter.http",
			"io.tracestarter.kafka", "io.tracestarter.logging", "io.tracestarter.reactor", "io.tracestarter.sampling");

	/**
	 * Keeps the starter's beans eager under {@code spring.main.lazy-initialization=true}:
	 * several of them install something when created (Reactor's hook, the log appenders,
	 * the Kafka and executor decorators), and a lazy one nobody asks for would leave its
	 * layer off. Boot's own Reactor auto-configuration does the same for its hook.
	 * @return the filter
	 */
	@Bean
	static LazyInitializationExcludeFilter traceLazyInitializationExcludeFilter() {
		return (beanName, beanDefinition, beanType) -> isStarterBean(beanDefinition, beanType);
	}

	// The starter's own packages only: an application whose packages start with
	// io.tracestarter keeps its beans lazy.
	private static boolean isStarterBean(BeanDefinition definition, @Nullable Class<?> type) {
		if (type != null && STARTER_PACKAGES.contains(type.getPackageName())) {
			return true;
		}
		MethodMetadata factoryMethod = (definition instanceof AnnotatedBeanDefinition annotated)
				? annotated.getFactoryMethodMetadata() : null;
		return factoryMethod != null
				&& STARTER_PACKAGES.contains(ClassUtils.getPackageName(factoryMethod.getDeclaringClassName()));
	}

	@Bean
	TraceStartupReport traceStartupReport(TraceProperties properties, ApplicationContext context) {
		return new TraceStartupReport(properties, context);
	}

	@Bean
	W3cParticipationSwitch traceW3cParticipation(TraceProperties properties, ListableBeanFactory beans) {
		return new W3cParticipationSwitch(properties.getW3c(), beans);
	}

	@Bean
	@ConditionalOnMissingBean
	TraceMetrics traceMetrics() {
		return new TraceMetrics();
	}

	@Bean
	@ConditionalOnMissingBean
	TraceIdValidator traceIdValidator(TraceProperties properties) {
		TraceIdValidator validator = new TraceIdValidator(properties.getId().getMaxLength());
		// Ids the application opens and ids sent on follow the same rules.
		ApplicationIds.use(validator);
		return validator;
	}

	@Bean
	@ConditionalOnMissingBean
	InboundTrust inboundTrust(TraceProperties properties) {
		return properties.getInbound().toTrust();
	}

	@Bean
	@ConditionalOnMissingBean
	TraceIdResolver traceIdResolver(TraceProperties properties, TraceIdValidator validator,
			ObjectProvider<TraceIdGenerator> generator, TraceMetrics metrics) {
		return new TraceIdResolver(properties.getId().getSources(), validator,
				generator.getIfAvailable(TraceIdGenerator::random), metrics);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Tracer.class)
	static class MicrometerTracingConfiguration {

		@Bean
		@ConditionalOnMissingBean(TraceIdGenerator.class)
		SpanTraceIdGenerator spanTraceIdGenerator(ObjectProvider<Tracer> tracer) {
			return new SpanTraceIdGenerator(tracer);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		TraceMetricsMeterBinder traceMetricsMeterBinder(TraceMetrics metrics) {
			return new TraceMetricsMeterBinder(metrics);
		}

	}

}
