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

package io.tracestarter.grpc;

import io.tracestarter.autoconfigure.TraceAutoConfiguration;
import io.tracestarter.core.InboundTrust;
import io.tracestarter.core.RequestSampling;
import io.tracestarter.core.TraceHopRecorder;
import io.tracestarter.core.TraceIdResolver;
import io.tracestarter.core.TraceMetrics;
import net.devh.boot.grpc.client.interceptor.GrpcGlobalClientInterceptor;
import net.devh.boot.grpc.server.interceptor.GrpcGlobalServerInterceptor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.grpc.client.GlobalClientInterceptor;
import org.springframework.grpc.server.GlobalServerInterceptor;

/**
 * gRPC: a server interceptor and a client interceptor, registered as global interceptors
 * in the style of whichever gRPC integration the application uses: Spring gRPC (Boot's
 * {@code spring-boot-starter-grpc-server/-client}) or net.devh
 * {@code grpc-spring-boot-starter}. The server interceptor runs first, so every other
 * interceptor and the service log under the call's id.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = TraceAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = { "trace.enabled", "trace.grpc.enabled" }, matchIfMissing = true)
@ConditionalOnClass(name = "io.grpc.ServerInterceptor")
public final class GrpcTraceAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(GlobalServerInterceptor.class)
	static class SpringGrpcServerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@GlobalServerInterceptor
		@Order(Ordered.HIGHEST_PRECEDENCE)
		TraceServerInterceptor traceServerInterceptor(TraceIdResolver resolver, ObjectProvider<TraceHopRecorder> hops,
				InboundTrust trust, ObjectProvider<RequestSampling> sampling) {
			return new TraceServerInterceptor(resolver, hops.getIfAvailable(TraceHopRecorder::none), trust,
					sampling.getIfAvailable(RequestSampling::none));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(GlobalClientInterceptor.class)
	static class SpringGrpcClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@GlobalClientInterceptor
		@Order(Ordered.HIGHEST_PRECEDENCE)
		TraceClientInterceptor traceClientInterceptor(TraceMetrics metrics, ObjectProvider<TraceHopRecorder> hops,
				ObjectProvider<RequestSampling> sampling) {
			return new TraceClientInterceptor(metrics, hops.getIfAvailable(TraceHopRecorder::none),
					sampling.getIfAvailable(RequestSampling::none));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(GrpcGlobalServerInterceptor.class)
	static class DevhGrpcServerConfiguration {

		@Bean
		@GrpcGlobalServerInterceptor
		@ConditionalOnMissingBean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		TraceServerInterceptor traceServerInterceptor(TraceIdResolver resolver, ObjectProvider<TraceHopRecorder> hops,
				InboundTrust trust, ObjectProvider<RequestSampling> sampling) {
			return new TraceServerInterceptor(resolver, hops.getIfAvailable(TraceHopRecorder::none), trust,
					sampling.getIfAvailable(RequestSampling::none));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(GrpcGlobalClientInterceptor.class)
	static class DevhGrpcClientConfiguration {

		@Bean
		@GrpcGlobalClientInterceptor
		@ConditionalOnMissingBean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		TraceClientInterceptor traceClientInterceptor(TraceMetrics metrics, ObjectProvider<TraceHopRecorder> hops,
				ObjectProvider<RequestSampling> sampling) {
			return new TraceClientInterceptor(metrics, hops.getIfAvailable(TraceHopRecorder::none),
					sampling.getIfAvailable(RequestSampling::none));
		}

	}

}
