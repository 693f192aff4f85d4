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

import java.util.List;
import java.util.Map;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.tracestarter.JsonLines;
import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceScope;
import io.tracestarter.grpc.GrpcTestSupport.EchoServiceConfiguration;
import io.tracestarter.grpc.GrpcTestSupport.ServerPort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.grpc.client.GrpcChannelFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A 0% rule on a gRPC service, a real Netty server on loopback: calls that end OK write
 * nothing, a call that ends with an error status writes its lines.
 */
@SpringBootTest(classes = GrpcSamplingIntegrationTests.App.class,
		properties = { "spring.main.web-application-type=none", "logging.level.io.tracestarter.grpc=debug",
				"spring.grpc.server.port=0", "spring.grpc.server.address=127.0.0.1",
				"management.tracing.export.otlp.enabled=false", "management.otlp.metrics.export.enabled=false",
				"trace.sampling.enabled=true", "trace.sampling.rules[0].grpc-method=test.Echo/*",
				"trace.sampling.rules[0].rate=0" })
@ExtendWith(OutputCaptureExtension.class)
class GrpcSamplingIntegrationTests {

	@Autowired
	private ServerPort serverPort;

	@Autowired
	private GrpcChannelFactory channels;

	private ManagedChannel channel;

	@BeforeEach
	void connect() {
		// Boot's channel carries the starter's client interceptor: the caller's id goes
		// along.
		this.channel = this.channels.createChannel("127.0.0.1:" + this.serverPort.port());
	}

	@AfterEach
	void disconnect() {
		this.channel.shutdownNow();
	}

	@Test
	void callsThatEndOkWriteNothingAndAnErrorStatusWritesTheCallsLines(CapturedOutput output) {
		for (int i = 0; i < 20; i++) {
			try (TraceScope scope = TraceContext.open("grpc-ok-" + i)) {
				assertThat(ClientCalls.blockingUnaryCall(this.channel, EchoGrpc.UNARY, CallOptions.DEFAULT, "ok" + i))
					.isEqualTo("echo ok" + i);
			}
		}
		try (TraceScope scope = TraceContext.open("grpc-bad-1")) {
			assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(
					() -> ClientCalls.blockingUnaryCall(this.channel, EchoGrpc.FAIL, CallOptions.DEFAULT, "bad"));
		}
		await().untilAsserted(() -> assertThat(linesOf(output, "grpc-bad-1")).extracting((line) -> line.get("message"))
			.containsExactly("server fail bad", "gRPC call test.Echo/Fail ended with status INVALID_ARGUMENT"));
		assertThat(linesOf(output, "grpc-bad-1"))
			.allSatisfy((line) -> assertThat(line).containsEntry("trace_sampling", "error"));
		for (int i = 0; i < 20; i++) {
			assertThat(linesOf(output, "grpc-ok-" + i)).isEmpty();
		}
	}

	private static List<Map<String, Object>> linesOf(CapturedOutput output, String traceId) {
		return JsonLines.parse(output).stream().filter((line) -> traceId.equals(line.get("trace_id"))).toList();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(EchoServiceConfiguration.class)
	static class App {

	}

}
