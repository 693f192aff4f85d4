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

import io.grpc.ServerInterceptor;
import io.tracestarter.autoconfigure.TraceAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.grpc.client.GlobalClientInterceptor;
import org.springframework.grpc.server.GlobalServerInterceptor;

import static org.assertj.core.api.Assertions.assertThat;

class GrpcTraceAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TraceAutoConfiguration.class, GrpcTraceAutoConfiguration.class));

	@Test
	void registersGlobalInterceptorsForSpringGrpc() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(TraceServerInterceptor.class).hasSingleBean(TraceClientInterceptor.class);
			assertThat(context.getBeanNamesForAnnotation(GlobalServerInterceptor.class))
				.containsExactly("traceServerInterceptor");
			assertThat(context.getBeanNamesForAnnotation(GlobalClientInterceptor.class))
				.containsExactly("traceClientInterceptor");
		});
	}

	@Test
	void toggleOffRemovesTheInterceptors() {
		this.contextRunner.withPropertyValues("trace.grpc.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TraceServerInterceptor.class)
				.doesNotHaveBean(TraceClientInterceptor.class));
	}

	@Test
	void appWithoutGrpcStartsCleanly() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ServerInterceptor.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TraceServerInterceptor.class));
	}

	@Test
	void appWithoutSpringGrpcOrDevhRegistersNothing() {
		this.contextRunner
			.withClassLoader(new FilteredClassLoader(GlobalServerInterceptor.class, GlobalClientInterceptor.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(TraceServerInterceptor.class)
				.doesNotHaveBean(TraceClientInterceptor.class));
	}

}
