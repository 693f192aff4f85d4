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

package io.tracestarter.http;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.observation.ObservationRegistry;
import io.tracestarter.autoconfigure.TraceAutoConfiguration;
import io.tracestarter.core.InboundTrust;
import io.tracestarter.core.RequestSampling;
import io.tracestarter.core.TraceHopRecorder;
import org.apache.catalina.valves.ValveBase;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.boot.servlet.filter.OrderedFilter;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.boot.webmvc.autoconfigure.WebMvcObservationAutoConfiguration;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;

class HttpTraceAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(TraceAutoConfiguration.class,
			HttpTraceAutoConfiguration.class);

	private final ReactiveWebApplicationContextRunner reactiveRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS);

	private final WebApplicationContextRunner servletRunner = new WebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS);

	private final ApplicationContextRunner plainRunner = new ApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS);

	@Test
	void reactiveAppGetsTheWebFilterAndExceptionHandlerWrapping() {
		this.reactiveRunner.run((context) -> assertThat(context).hasSingleBean(TraceWebFilter.class)
			.hasSingleBean(WebHttpHandlerBuilderCustomizer.class)
			.doesNotHaveBean(FilterRegistrationBean.class));
	}

	@Test
	void servletAppGetsTheFilterRightAfterBootsObservationFilter() {
		this.servletRunner.withConfiguration(AutoConfigurations.of(WebMvcObservationAutoConfiguration.class))
			.withBean(ObservationRegistry.class, ObservationRegistry::create)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(TraceWebFilter.class).hasBean("traceCleanupValveCustomizer");
				List<FilterRegistrationBean<?>> registrations = new ArrayList<>();
				context.getBeanProvider(FilterRegistrationBean.class).orderedStream().forEach(registrations::add);
				assertThat(registrations).extracting((registration) -> (Object) registration.getFilter().getClass())
					.containsExactly(ServerHttpObservationFilter.class, TraceServletFilter.class);
				FilterRegistrationBean<?> observation = registrations.get(0);
				FilterRegistrationBean<?> trace = registrations.get(1);
				// Inside the observation, so its span is current when an id is made, and
				// before Spring Security's filter chain, so its lines carry the id.
				assertThat(trace.getOrder()).isGreaterThan(observation.getOrder())
					.isLessThan(OrderedFilter.REQUEST_WRAPPER_FILTER_MAX_ORDER - 100);
			});
	}

	@Test
	void servletAppWithoutTomcatHasNoValve() {
		this.servletRunner.withClassLoader(new FilteredClassLoader(ValveBase.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean("traceCleanupValveCustomizer")
				.hasSingleBean(FilterRegistrationBean.class));
	}

	@Test
	void nonWebAppGetsOnlyClientCustomizers() {
		this.plainRunner.run((context) -> assertThat(context).doesNotHaveBean(TraceWebFilter.class)
			.doesNotHaveBean(FilterRegistrationBean.class)
			.hasSingleBean(WebClientCustomizer.class)
			.hasSingleBean(RestClientCustomizer.class)
			.hasSingleBean(RestTemplateCustomizer.class));
	}

	@Test
	void backsOffFromAUserWebFilter() {
		TraceWebFilter mine = new TraceWebFilter(null, new ResponseHeaderPolicy(null), TraceHopRecorder.none(),
				InboundTrust.all(), RequestSampling.none());
		this.reactiveRunner.withBean(TraceWebFilter.class, () -> mine)
			.run((context) -> assertThat(context.getBean(TraceWebFilter.class)).isSameAs(mine));
	}

	@Test
	void backsOffFromAUserServletFilter() {
		this.servletRunner
			.withBean("myFilter", TraceServletFilter.class,
					() -> new TraceServletFilter(null, new ResponseHeaderPolicy(null), TraceHopRecorder.none(),
							InboundTrust.all(), RequestSampling.none()))
			.run((context) -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class).hasBean("myFilter"));
	}

	@Test
	void turnedOffByHttpEnabledOrTraceEnabled() {
		this.reactiveRunner.withPropertyValues("trace.http.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TraceWebFilter.class)
				.doesNotHaveBean(WebClientCustomizer.class));
		this.reactiveRunner.withPropertyValues("trace.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TraceWebFilter.class));
	}

	@Test
	void outboundPropagationCanBeTurnedOff() {
		this.plainRunner.withPropertyValues("trace.http.propagate=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WebClientCustomizer.class)
				.doesNotHaveBean(RestClientCustomizer.class));
	}

	@Test
	void badHeaderNameFailsStartupNamingTheKey() {
		this.reactiveRunner.withPropertyValues("trace.http.header-name=X Trace")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("trace.http.header-name must be an HTTP header name"));
	}

	@Test
	void worksWithoutWebFlux() {
		this.plainRunner.withClassLoader(new FilteredClassLoader(WebFilter.class, WebClient.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(WebClientCustomizer.class)
				.hasSingleBean(RestClientCustomizer.class));
	}

	@Test
	void worksWithoutBootsRestClientModule() {
		this.plainRunner.withClassLoader(new FilteredClassLoader(RestClientCustomizer.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(RestClientCustomizer.class)
				.doesNotHaveBean(RestTemplateCustomizer.class)
				.hasSingleBean(WebClientCustomizer.class));
	}

	@Test
	void worksWithoutServletApi() {
		this.servletRunner.withClassLoader(new FilteredClassLoader(jakarta.servlet.Filter.class))
			.run((context) -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class));
	}

}
