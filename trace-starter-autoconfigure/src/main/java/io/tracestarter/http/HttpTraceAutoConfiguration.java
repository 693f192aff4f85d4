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

import io.tracestarter.autoconfigure.TraceAutoConfiguration;
import io.tracestarter.autoconfigure.TraceProperties;
import io.tracestarter.core.InboundTrust;
import io.tracestarter.core.RequestSampling;
import io.tracestarter.core.TraceHopRecorder;
import io.tracestarter.core.TraceIdGenerator;
import io.tracestarter.core.TraceIdResolver;
import io.tracestarter.core.TraceMetrics;
import io.tracestarter.core.TracerTraceId;
import io.tracestarter.http.TraceWebFilter.SpanIds;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import org.apache.catalina.valves.ValveBase;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.WebFilter;

/**
 * HTTP in and out: the inbound filter of WebFlux and MVC, and the id header on requests
 * sent by Boot-built {@code WebClient}, {@code RestClient} and {@code RestTemplate}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = TraceAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = { "trace.enabled", "trace.http.enabled" }, matchIfMissing = true)
public final class HttpTraceAutoConfiguration {

	/**
	 * Order of the servlet filter: right after Boot's observation filter
	 * ({@code HIGHEST_PRECEDENCE + 1}), so that a generated id is the trace id of the
	 * request's span, and before every other filter.
	 */
	static final int SERVLET_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnClass(WebFilter.class)
	static class WebFluxConfiguration {

		// With Micrometer Tracing, whose handler keeps the span of an observation.
		private static final String TRACING_OBSERVATION_HANDLER = "io.micrometer.tracing.handler.TracingObservationHandler";

		@Bean
		@ConditionalOnMissingBean
		TraceWebFilter traceWebFilter(TraceIdResolver resolver, TraceProperties properties,
				ObjectProvider<TraceHopRecorder> hops, InboundTrust trust, ObjectProvider<RequestSampling> sampling,
				ObjectProvider<TraceIdGenerator> generator, ObjectProvider<TracerTraceId> tracerTraceId) {
			TraceIdGenerator configured = generator.getIfUnique();
			boolean spanFromContext = configured != null && configured.generatesCurrentSpanTraceId()
					&& ClassUtils.isPresent(TRACING_OBSERVATION_HANDLER, getClass().getClassLoader());
			SpanIds spanIds = !spanFromContext ? SpanIds.NONE
					: (tracerTraceId.getIfAvailable() != null) ? SpanIds.CARRIED_BY_TRACER : SpanIds.FROM_CONTEXT;
			return new TraceWebFilter(resolver, ResponseHeaderPolicy.of(properties.getHttp()),
					hops.getIfAvailable(TraceHopRecorder::none), trust, sampling.getIfAvailable(RequestSampling::none),
					spanIds);
		}

		// Spring applies HttpHandlerDecoratorFactory beans around the whole HttpHandler
		// (WebHttpHandlerBuilder.applicationContext), outside the web filter chain.
		@Bean
		HttpHandlerDecoratorFactory traceHttpHandlerDecoratorFactory(TraceWebFilter filter) {
			return (handler) -> new TraceHttpHandlerDecorator(handler, filter);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnClass(WebHttpHandlerBuilderCustomizer.class)
	static class WebFluxExceptionHandlersConfiguration {

		@Bean
		WebHttpHandlerBuilderCustomizer traceWebExceptionHandlersCustomizer() {
			return (builder) -> builder
				.exceptionHandlers((handlers) -> handlers.replaceAll(TraceWebExceptionHandler::wrap));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass({ Filter.class, FilterRegistrationBean.class })
	static class ServletConfiguration {

		@Bean
		@ConditionalOnMissingFilterBean(TraceServletFilter.class)
		FilterRegistrationBean<TraceServletFilter> traceServletFilter(TraceIdResolver resolver,
				TraceProperties properties, ObjectProvider<TraceHopRecorder> hops, InboundTrust trust,
				ObjectProvider<RequestSampling> sampling) {
			TraceServletFilter filter = new TraceServletFilter(resolver, ResponseHeaderPolicy.of(properties.getHttp()),
					hops.getIfAvailable(TraceHopRecorder::none), trust, sampling.getIfAvailable(RequestSampling::none));
			FilterRegistrationBean<TraceServletFilter> registration = new FilterRegistrationBean<>(filter);
			registration.setOrder(SERVLET_FILTER_ORDER);
			registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
			return registration;
		}

	}

	/**
	 * Its own class: a {@code @Bean} method whose signature names a Tomcat type would
	 * make the servlet configuration fail introspection on Jetty, whatever its
	 * conditions.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass({ ConfigurableTomcatWebServerFactory.class, ValveBase.class })
	static class TomcatConfiguration {

		// An engine valve, not a context one: Tomcat dispatches to the error page from
		// its host valve, outside the context's pipeline, and a failing error page would
		// otherwise leave the id on the worker thread.
		@Bean
		WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> traceCleanupValveCustomizer() {
			return (factory) -> factory.addEngineValves(new TraceCleanupValve());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "trace.http.propagate", matchIfMissing = true)
	@ConditionalOnClass({ WebClient.class, WebClientCustomizer.class })
	static class WebClientConfiguration {

		@Bean
		WebClientCustomizer traceWebClientCustomizer(TraceProperties properties, TraceMetrics metrics,
				ObjectProvider<TraceHopRecorder> hops, ObjectProvider<RequestSampling> sampling,
				ObjectProvider<TracerTraceId> tracerTraceId) {
			TraceExchangeFilterFunction filter = new TraceExchangeFilterFunction(properties.getHttp().getHeaderName(),
					metrics, hops.getIfAvailable(TraceHopRecorder::none),
					sampling.getIfAvailable(RequestSampling::none), tracerTraceId.getIfAvailable() != null);
			return (builder) -> builder.filter(filter);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "trace.http.propagate", matchIfMissing = true)
	@ConditionalOnClass({ ClientHttpRequestInterceptor.class, RestClientCustomizer.class })
	static class RestClientConfiguration {

		@Bean
		TraceClientHttpRequestInterceptor traceClientHttpRequestInterceptor(TraceProperties properties,
				TraceMetrics metrics, ObjectProvider<TraceHopRecorder> hops, ObjectProvider<RequestSampling> sampling) {
			return new TraceClientHttpRequestInterceptor(properties.getHttp().getHeaderName(), metrics,
					hops.getIfAvailable(TraceHopRecorder::none), sampling.getIfAvailable(RequestSampling::none));
		}

		@Bean
		RestClientCustomizer traceRestClientCustomizer(TraceClientHttpRequestInterceptor interceptor) {
			return (builder) -> builder.requestInterceptor(interceptor);
		}

		@Bean
		RestTemplateCustomizer traceRestTemplateCustomizer(TraceClientHttpRequestInterceptor interceptor) {
			return (restTemplate) -> restTemplate.getInterceptors().add(interceptor);
		}

	}

}
