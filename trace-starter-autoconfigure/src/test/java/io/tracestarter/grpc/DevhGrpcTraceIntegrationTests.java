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

import java.util.concurrent.atomic.AtomicReference;

import io.grpc.BindableService;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.tracestarter.JsonLines;
import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceScope;
import net.devh.boot.grpc.client.channelfactory.GrpcChannelFactory;
import net.devh.boot.grpc.server.event.GrpcServerStartedEvent;
import net.devh.boot.grpc.server.service.GrpcService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * net.devh grpc-spring-boot-starter 3.1.0 on Boot 4.1 (run by the {@code devh-grpc}
 * Surefire execution, without Spring gRPC on the classpath): the starter's interceptors
 * are registered as its global interceptors.
 */
@SpringBootTest(classes = DevhGrpcTraceIntegrationTests.DevhApplication.class,
		properties = { "spring.main.web-application-type=none", "grpc.server.port=0", "grpc.server.address=127.0.0.1",
				"grpc.server.in-process-name=trace-devh", "grpc.client.echo.address=in-process:trace-devh",
				"grpc.client.echo.negotiation-type=plaintext" })
@ExtendWith(OutputCaptureExtension.class)
class DevhGrpcTraceIntegrationTests {

	@Autowired
	private GrpcChannelFactory channels;

	@Autowired
	private ServerPort serverPort;

	@Test
	void springGrpcIsReallyAbsent() {
		assertThat(ClassUtils.isPresent("org.springframework.grpc.server.GlobalServerInterceptor", null)).isFalse();
	}

	@Test
	void clientAndServerInterceptorsCarryTheIdOverLoopback(CapturedOutput output) {
		AtomicReference<Metadata> headers = new AtomicReference<>();
		AtomicReference<Metadata> trailers = new AtomicReference<>();
		ManagedChannel loopback = ManagedChannelBuilder.forAddress("127.0.0.1", this.serverPort.port)
			.usePlaintext()
			.build();
		try (TraceScope scope = TraceContext.open("devh-1")) {
			// Through net.devh's channel factory: its global client interceptors apply.
			Channel managed = ClientInterceptors.intercept(this.channels.createChannel("echo"),
					MetadataUtils.newCaptureMetadataInterceptor(headers, trailers));
			assertThat(ClientCalls.blockingUnaryCall(managed, EchoGrpc.UNARY, CallOptions.DEFAULT, "d1"))
				.isEqualTo("echo d1");
			assertThat(headers.get().get(TraceServerInterceptor.TRACE_ID_KEY)).isEqualTo("devh-1");
			// A bare channel over the real loopback port: the server side alone.
			Metadata sent = new Metadata();
			sent.put(TraceServerInterceptor.TRACE_ID_KEY, "devh-2");
			ClientCalls.blockingUnaryCall(
					ClientInterceptors.intercept(loopback, MetadataUtils.newAttachHeadersInterceptor(sent)),
					EchoGrpc.UNARY, CallOptions.DEFAULT, "d2");
		}
		finally {
			loopback.shutdownNow();
		}
		await().untilAsserted(() -> {
			assertThat(JsonLines.withMessage(output, "server unary d1"::equals)).singleElement()
				.satisfies((line) -> assertThat(line).containsEntry("trace_id", "devh-1"));
			assertThat(JsonLines.withMessage(output, "server unary d2"::equals)).singleElement()
				.satisfies((line) -> assertThat(line).containsEntry("trace_id", "devh-2"));
		});
	}

	static final class ServerPort implements ApplicationListener<GrpcServerStartedEvent> {

		private volatile int port;

		@Override
		public void onApplicationEvent(GrpcServerStartedEvent event) {
			if (event.getPort() > 0) {
				this.port = event.getPort();
			}
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class DevhApplication {

		@Bean
		@GrpcService
		BindableService echoService() {
			ServerServiceDefinition definition = new EchoGrpc.Service().bindService();
			return () -> definition;
		}

		@Bean
		ServerPort serverPort() {
			return new ServerPort();
		}

	}

}
