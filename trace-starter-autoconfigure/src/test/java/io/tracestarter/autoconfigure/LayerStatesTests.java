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

import java.util.Map;
import java.util.TreeMap;

import io.tracestarter.async.AsyncTraceAutoConfiguration;
import io.tracestarter.grpc.GrpcTraceAutoConfiguration;
import io.tracestarter.http.HttpTraceAutoConfiguration;
import io.tracestarter.kafka.KafkaTraceAutoConfiguration;
import io.tracestarter.logging.LoggingTraceAutoConfiguration;
import io.tracestarter.reactor.ReactorTraceAutoConfiguration;
import io.tracestarter.sampling.SamplingAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableReactiveWebApplicationContext;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Layer states come from what Boot's condition evaluation really decided.
 */
class LayerStatesTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TraceAutoConfiguration.class, HttpTraceAutoConfiguration.class,
				ReactorTraceAutoConfiguration.class, AsyncTraceAutoConfiguration.class,
				KafkaTraceAutoConfiguration.class, GrpcTraceAutoConfiguration.class,
				LoggingTraceAutoConfiguration.class, SamplingAutoConfiguration.class));

	@Test
	void layersWhoseConfigurationMatchedAreOn() {
		this.runner.run((context) -> assertThat(states(context)).containsEntry("http", "on")
			.containsEntry("reactor", "on")
			.containsEntry("async", "on")
			.containsEntry("grpc", "on")
			.containsEntry("kafka", "on")
			.containsEntry("logging", "on")
			.containsEntry("k8s", "on"));
	}

	@Test
	void aLayerSwitchedOffNamesTheProperty() {
		this.runner.withPropertyValues("trace.kafka.enabled=false")
			.run((context) -> assertThat(states(context).get("kafka")).startsWith("off (")
				.contains("trace.kafka.enabled"));
	}

	@Test
	void aLayerWhoseLibraryIsAbsentNamesTheClass() {
		this.runner.withClassLoader(new FilteredClassLoader(KafkaTemplate.class))
			.run((context) -> assertThat(states(context).get("kafka")).startsWith("off (")
				.contains(KafkaTemplate.class.getName()));
	}

	@Test
	void grpcWithoutAServerIntegrationIsOff() {
		this.runner.withClassLoader(new FilteredClassLoader(GlobalServerInterceptor.class))
			.run((context) -> assertThat(states(context).get("grpc")).startsWith("off ("));
	}

	@Test
	void samplingIsOffByDefault() {
		this.runner.run((context) -> assertThat(states(context).get("sampling")).startsWith("off (")
			.contains("trace.sampling.enabled"));
	}

	@Test
	void limitedReactorModeTurnsTheReactorLayerOff() {
		this.runner.withPropertyValues("spring.reactor.context-propagation=limited")
			.run((context) -> assertThat(states(context)).containsEntry("reactor",
					"off (spring.reactor.context-propagation=limited)"));
	}

	private static Map<String, String> states(AssertableReactiveWebApplicationContext context) {
		Map<String, String> states = new TreeMap<>();
		LayerStates.of(ConditionEvaluationReport.get(context.getBeanFactory()), context.getEnvironment())
			.forEach((state) -> states.put(state.name(), state.state()));
		return states;
	}

}
