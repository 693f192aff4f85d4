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

package io.tracestarter.sampling;

import ch.qos.logback.classic.LoggerContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tracestarter.autoconfigure.TraceAutoConfiguration;
import io.tracestarter.core.RequestSampling;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class SamplingAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TraceAutoConfiguration.class, SamplingAutoConfiguration.class));

	@Test
	void offByDefault() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(RequestSampling.class)
			.doesNotHaveBean(SamplingInstaller.class));
	}

	@Test
	void onWhenEnabledWithMetersPerRuleAndOutcome() {
		this.contextRunner
			.withPropertyValues("trace.sampling.enabled=true", "trace.sampling.rules[0].route=/actuator/health/**",
					"trace.sampling.rules[0].rate=0.001")
			.run((context) -> {
				assertThat(context).hasSingleBean(RequestSampling.class).hasSingleBean(SamplingInstaller.class);
				MeterRegistry registry = new SimpleMeterRegistry();
				context.getBeansOfType(MeterBinder.class).values().forEach((binder) -> binder.bindTo(registry));
				assertThat(registry.find(SamplingAutoConfiguration.LINES)
					.tags("rule", "route:/actuator/health/**", "outcome", "dropped")
					.functionCounter()).isNotNull();
				assertThat(
						registry.find(SamplingAutoConfiguration.REQUESTS).tags("outcome", "flushed").functionCounter())
					.isNotNull();
			});
	}

	@Test
	void offWhenTheStarterIsOff() {
		this.contextRunner.withPropertyValues("trace.enabled=false", "trace.sampling.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(RequestSampling.class));
	}

	@Test
	void backsOffWithoutLogbackAndSaysSo() {
		this.contextRunner.withPropertyValues("trace.sampling.enabled=true")
			.withClassLoader(new FilteredClassLoader(LoggerContext.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(RequestSampling.class)
				.doesNotHaveBean(SamplingInstaller.class)
				.hasSingleBean(SamplingOffNotice.class));
	}

	@Test
	void noNoticeWithLogbackOrWhenSamplingIsOff() {
		this.contextRunner.withPropertyValues("trace.sampling.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(SamplingOffNotice.class));
		this.contextRunner.withClassLoader(new FilteredClassLoader(LoggerContext.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SamplingOffNotice.class));
	}

	@Test
	void worksWithoutMicrometer() {
		this.contextRunner.withPropertyValues("trace.sampling.enabled=true")
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasSingleBean(RequestSampling.class));
	}

	@Test
	void aRuleWithTwoTargetsStopsStartUpNamingIt() {
		this.contextRunner
			.withPropertyValues("trace.sampling.enabled=true", "trace.sampling.rules[0].route=/a/**",
					"trace.sampling.rules[0].logger=com.example")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("trace.sampling.rules[0]")
				.hasMessageContaining("exactly one of route, grpc-method, kafka-topic or logger"));
	}

	@Test
	void aRateOutsideZeroToOneStopsStartUp() {
		this.contextRunner
			.withPropertyValues("trace.sampling.enabled=true", "trace.sampling.rules[0].route=/a/**",
					"trace.sampling.rules[0].rate=10")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("trace.sampling.rules[0].rate")
				.hasMessageContaining("from 0 to 1"));
	}

	@Test
	void aRuleWithNoTargetStopsStartUp() {
		this.contextRunner.withPropertyValues("trace.sampling.enabled=true", "trace.sampling.rules[0].rate=0.5")
			.run((context) -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("has 0"));
	}

}
