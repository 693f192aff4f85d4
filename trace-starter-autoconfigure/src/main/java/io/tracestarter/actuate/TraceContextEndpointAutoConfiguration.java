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

package io.tracestarter.actuate;

import java.util.List;

import io.tracestarter.autoconfigure.LayerStates;
import io.tracestarter.autoconfigure.TraceAutoConfiguration;
import io.tracestarter.autoconfigure.TraceProperties;
import io.tracestarter.core.RecentTraceHops;
import io.tracestarter.core.RestoredIdRecorders;
import io.tracestarter.core.TraceIdValidator;
import io.tracestarter.core.TraceMetrics;
import io.tracestarter.logging.LinesWithoutTraceId;
import io.tracestarter.logging.LoggingTraceAutoConfiguration;
import io.tracestarter.sampling.SamplingState;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The {@code tracecontext} endpoint. Like Boot's own endpoints it is available only when
 * exposed ({@code management.endpoints.web.exposure.include}), and the per-id hop
 * recording it needs costs nothing until then.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { TraceAutoConfiguration.class, LoggingTraceAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "trace.enabled", matchIfMissing = true)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnAvailableEndpoint(TraceContextEndpoint.class)
@EnableConfigurationProperties(TraceContextEndpointProperties.class)
public final class TraceContextEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RecentTraceHops recentTraceHops(TraceProperties properties) {
		return new RecentTraceHops(properties.getActuator().getRecentIds(), properties.getActuator().getMaxHopsPerId());
	}

	@Bean
	RecordingAccessorRegistration traceRecordingAccessorRegistration(RecentTraceHops hops) {
		return new RecordingAccessorRegistration(hops);
	}

	@Bean
	@ConditionalOnMissingBean
	TraceContextEndpoint traceContextEndpoint(TraceProperties properties, TraceMetrics metrics, RecentTraceHops hops,
			ObjectProvider<LinesWithoutTraceId> breakPoints, TraceIdValidator validator, Environment environment,
			ObjectProvider<SamplingState> sampling, ConfigurableListableBeanFactory beanFactory,
			TraceContextEndpointProperties endpointProperties) {
		List<TraceContextEndpoint.LayerState> layers = LayerStates
			.of(ConditionEvaluationReport.get(beanFactory), environment)
			.stream()
			.map((layer) -> new TraceContextEndpoint.LayerState(layer.name(), layer.state()))
			.toList();
		return new TraceContextEndpoint(properties, layers, metrics, hops, breakPoints.getIfAvailable(), validator,
				sampling.getIfAvailable(), endpointProperties);
	}

	/**
	 * Adds this context's timeline to the recorders the shared context-propagation
	 * accessor tells of thread hops, and removes it when the context closes; other
	 * contexts in the same JVM keep theirs.
	 */
	static final class RecordingAccessorRegistration implements DisposableBean {

		private final AutoCloseable registration;

		RecordingAccessorRegistration(RecentTraceHops hops) {
			this.registration = RestoredIdRecorders.add(hops);
		}

		@Override
		public void destroy() throws Exception {
			this.registration.close();
		}

	}

}
