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

package io.tracestarter.reactor;

import java.time.Duration;

import io.tracestarter.autoconfigure.TraceAutoConfiguration;
import io.tracestarter.core.TraceContext;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class ReactorTraceAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TraceAutoConfiguration.class, ReactorTraceAutoConfiguration.class));

	@Test
	void turnedOffLeavesReactorAlone() {
		Hooks.disableAutomaticContextPropagation();
		this.contextRunner.withPropertyValues("trace.reactor.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(ReactorTraceAutoConfiguration.class);
			assertThat(idAfterThreadHop()).isEqualTo("null");
		});
	}

	@Test
	void idFollowsSchedulerHopsAndTimers() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ReactorTraceAutoConfiguration.class);
			assertThat(idAfterThreadHop()).isEqualTo("reactor-1");
		});
	}

	@Test
	void worksWithoutReactor() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Hooks.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ReactorTraceAutoConfiguration.class));
	}

	@Test
	void givesCoroutinesOfWebFluxExchangesThePropagationElement() {
		reactiveContextRunner().run((context) -> assertThat(context).hasSingleBean(CoroutineContextWebFilter.class));
	}

	@Test
	void addsNoCoroutineFilterWithoutKotlinxCoroutinesReactor() {
		reactiveContextRunner().withClassLoader(new FilteredClassLoader("kotlinx.coroutines.reactor"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CoroutineContextWebFilter.class));
	}

	@Test
	void addsNoCoroutineFilterOutsideWebFlux() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(CoroutineContextWebFilter.class));
	}

	@Test
	void addsNoCoroutineFilterWhenTurnedOff() {
		reactiveContextRunner().withPropertyValues("trace.reactor.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CoroutineContextWebFilter.class));
	}

	@Test
	void coroutineFilterBacksOffFromTheApplicationsOwn() {
		CoroutineContextWebFilter own = new CoroutineContextWebFilter();
		reactiveContextRunner().withBean("own", CoroutineContextWebFilter.class, () -> own)
			.run((context) -> assertThat(context).getBean(CoroutineContextWebFilter.class).isSameAs(own));
	}

	private static ReactiveWebApplicationContextRunner reactiveContextRunner() {
		return new ReactiveWebApplicationContextRunner().withConfiguration(
				AutoConfigurations.of(TraceAutoConfiguration.class, ReactorTraceAutoConfiguration.class));
	}

	private static String idAfterThreadHop() {
		return Mono.just("x")
			.delayElement(Duration.ofMillis(1))
			.publishOn(Schedulers.boundedElastic())
			.map((value) -> String.valueOf(TraceContext.currentTraceId()))
			.contextWrite((context) -> context.put(TraceContext.CONTEXT_KEY, "reactor-1"))
			.block(Duration.ofSeconds(5));
	}

}
