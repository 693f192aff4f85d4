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

import io.grpc.MethodDescriptor;

import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;

/**
 * Lets test applications of other packages serve the hand-built echo service.
 */
public final class GrpcTestSupport {

	public static final MethodDescriptor<String, String> UNARY = EchoGrpc.UNARY;

	private GrpcTestSupport() {
	}

	public static final class ServerPort implements ApplicationListener<GrpcServerStartedEvent> {

		private volatile int port;

		@Override
		public void onApplicationEvent(GrpcServerStartedEvent event) {
			this.port = event.getPort();
		}

		public int port() {
			return this.port;
		}

	}

	@Configuration(proxyBeanMethods = false)
	public static class EchoServiceConfiguration {

		@Bean
		EchoGrpc.Service echoService() {
			return new EchoGrpc.Service();
		}

		@Bean
		ServerPort grpcServerPort() {
			return new ServerPort();
		}

	}

}
