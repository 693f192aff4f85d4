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

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.tracestarter.JsonLines;
import io.tracestarter.core.Layer;
import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceMetrics;
import io.tracestarter.core.TraceScope;
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
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Spring gRPC as Boot 4.1 ships it: a real Netty gRPC server on a loopback random port, a
 * channel from Boot's channel factory, the starter's interceptors registered globally
 * with no configuration.
 */
@SpringBootTest(classes = SpringGrpcTraceIntegrationTests.GrpcApplication.class,
		properties = { "spring.main.web-application-type=none", "logging.level.io.tracestarter.grpc=debug",
				"spring.grpc.server.port=0", "spring.grpc.server.address=127.0.0.1",
				"management.tracing.export.otlp.enabled=false", "management.otlp.metrics.export.enabled=false" })
@ExtendWith(OutputCaptureExtension.class)
class SpringGrpcTraceIntegrationTests {

	@Autowired
	private GrpcChannelFactory channels;

	@Autowired
	private ServerPort serverPort;

	@Autowired
	private TraceMetrics metrics;

	private ManagedChannel channel;

	private final AtomicReference<Metadata> responseHeaders = new AtomicReference<>();

	private final AtomicReference<Metadata> responseTrailers = new AtomicReference<>();

	private Channel capturing;

	@BeforeEach
	void connect() {
		this.channel = this.channels.createChannel("127.0.0.1:" + this.serverPort.port);
		this.capturing = ClientInterceptors.intercept(this.channel,
				MetadataUtils.newCaptureMetadataInterceptor(this.responseHeaders, this.responseTrailers));
	}

	@AfterEach
	void disconnect() {
		this.channel.shutdownNow();
	}

	private String unary(String id, String request) {
		try (TraceScope scope = TraceContext.open(id)) {
			return ClientCalls.blockingUnaryCall(this.capturing, EchoGrpc.UNARY, CallOptions.DEFAULT, request);
		}
	}

	@Test
	void callersIdReachesTheServiceAndComesBackInTheResponseHeader(CapturedOutput output) {
		assertThat(unary("grpc-1", "u1")).isEqualTo("echo u1");
		assertThat(this.responseHeaders.get().get(TraceServerInterceptor.TRACE_ID_KEY)).isEqualTo("grpc-1");
		await().untilAsserted(() -> assertThat(JsonLines.withMessage(output, "server unary u1"::equals)).singleElement()
			.satisfies((line) -> assertThat(line).containsEntry("trace_id", "grpc-1")));
		assertThat(this.metrics.count(TraceMetrics.EXTRACTED, Layer.GRPC, "header:X-Trace-ID")).isPositive();
		assertThat(this.metrics.count(TraceMetrics.PROPAGATED, Layer.GRPC, null)).isPositive();
	}

	@Test
	void traceparentAloneOrNothingGivesTheServiceAnId(CapturedOutput output) {
		Metadata traceparent = new Metadata();
		traceparent.put(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER),
				"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
		// A bare channel: Boot's channels add the client span's own traceparent.
		ManagedChannel bare = ManagedChannelBuilder.forAddress("127.0.0.1", this.serverPort.port)
			.usePlaintext()
			.build();
		try {
			Channel withTraceparent = ClientInterceptors.intercept(bare,
					MetadataUtils.newAttachHeadersInterceptor(traceparent));
			ClientCalls.blockingUnaryCall(withTraceparent, EchoGrpc.UNARY, CallOptions.DEFAULT, "w3c");
		}
		finally {
			bare.shutdownNow();
		}
		ClientCalls.blockingUnaryCall(this.capturing, EchoGrpc.UNARY, CallOptions.DEFAULT, "none");
		String generated = this.responseHeaders.get().get(TraceServerInterceptor.TRACE_ID_KEY);
		assertThat(generated).matches("[0-9a-f]{32}");
		await().untilAsserted(() -> {
			assertThat(JsonLines.withMessage(output, "server unary w3c"::equals)).singleElement()
				.satisfies((line) -> assertThat(line).containsEntry("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736"));
			assertThat(JsonLines.withMessage(output, "server unary none"::equals)).singleElement()
				.satisfies((line) -> assertThat(line).containsEntry("trace_id", generated));
		});
	}

	@Test
	void hostileMetadataIsRejectedCountedAndNeverEchoed(CapturedOutput output) {
		long before = this.metrics.count(TraceMetrics.REJECTED, Layer.GRPC, null);
		Metadata hostile = new Metadata();
		hostile.put(TraceServerInterceptor.TRACE_ID_KEY, "evil value {\"trace_id\":1}");
		Channel withHostile = ClientInterceptors.intercept(this.capturing,
				MetadataUtils.newAttachHeadersInterceptor(hostile));
		ClientCalls.blockingUnaryCall(withHostile, EchoGrpc.UNARY, CallOptions.DEFAULT, "hostile");
		assertThat(this.responseHeaders.get().get(TraceServerInterceptor.TRACE_ID_KEY)).matches("[0-9a-f]{32}");
		assertThat(this.metrics.count(TraceMetrics.REJECTED, Layer.GRPC, "forbidden_character") - before).isEqualTo(1);
		assertThat(output.getOut()).doesNotContain("evil value");
	}

	@Test
	void everyStreamingKindKeepsTheIdOnServerAndClientCallbacks(CapturedOutput output) throws Exception {
		CompletableFuture<Void> serverStreamDone = new CompletableFuture<>();
		CompletableFuture<Void> clientStreamDone = new CompletableFuture<>();
		CompletableFuture<Void> chatDone = new CompletableFuture<>();
		ListenableFuture<String> future;
		try (TraceScope scope = TraceContext.open("grpc-stream")) {
			ClientCalls.asyncServerStreamingCall(this.channel.newCall(EchoGrpc.SERVER_STREAMING, CallOptions.DEFAULT),
					"s", observer("client streaming reply", serverStreamDone));
			StreamObserver<String> collect = ClientCalls.asyncClientStreamingCall(
					this.channel.newCall(EchoGrpc.CLIENT_STREAMING, CallOptions.DEFAULT),
					observer("client collect reply", clientStreamDone));
			collect.onNext("c1");
			collect.onNext("c2");
			collect.onCompleted();
			StreamObserver<String> chat = ClientCalls.asyncBidiStreamingCall(
					this.channel.newCall(EchoGrpc.BIDI, CallOptions.DEFAULT), observer("client chat reply", chatDone));
			chat.onNext("b1");
			chat.onNext("b2");
			chat.onCompleted();
			future = ClientCalls.futureUnaryCall(this.channel.newCall(EchoGrpc.UNARY, CallOptions.DEFAULT), "f1");
			future.addListener(() -> EchoGrpc.logger.info("client future done"), MoreExecutors.directExecutor());
		}
		CompletableFuture.allOf(serverStreamDone, clientStreamDone, chatDone).get(10, TimeUnit.SECONDS);
		assertThat(future.get(10, TimeUnit.SECONDS)).isEqualTo("echo f1");
		await().untilAsserted(() -> {
			List<Map<String, Object>> server = JsonLines.withMessage(output,
					(message) -> message.startsWith("server streaming") || message.startsWith("server collect")
							|| message.startsWith("server chat") || message.equals("server unary f1"));
			assertThat(server).hasSize(3 + 3 + 3 + 1);
			List<Map<String, Object>> client = JsonLines.withMessage(output,
					(message) -> message.startsWith("client "));
			assertThat(client).hasSizeGreaterThanOrEqualTo(3 + 1 + 2 + 3 + 1);
			assertThat(server).allSatisfy((line) -> assertThat(line).containsEntry("trace_id", "grpc-stream"));
			assertThat(client).allSatisfy((line) -> assertThat(line).containsEntry("trace_id", "grpc-stream"));
		});
	}

	@Test
	void failedThrownCancelledAndTimedOutCallsLogTheirEndUnderTheCallsId(CapturedOutput output) {
		try (TraceScope scope = TraceContext.open("grpc-fail")) {
			assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(
					() -> ClientCalls.blockingUnaryCall(this.capturing, EchoGrpc.FAIL, CallOptions.DEFAULT, "status"))
				.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
			// Failed before any response: the id comes back in the trailers.
			assertThat(this.responseTrailers.get().get(TraceServerInterceptor.TRACE_ID_KEY)).isEqualTo("grpc-fail");
			assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(
					() -> ClientCalls.blockingUnaryCall(this.capturing, EchoGrpc.FAIL, CallOptions.DEFAULT, "throw"));
			// The deadline must fire while the handler runs, not before it started: the
			// handler's first line has to be written before the deadline is due.
			var deadline = ClientCalls.futureUnaryCall(
					this.channel.newCall(EchoGrpc.HANG, CallOptions.DEFAULT.withDeadlineAfter(3, TimeUnit.SECONDS)),
					"deadline");
			await().atMost(Duration.ofSeconds(3))
				.untilAsserted(
						() -> assertThat(JsonLines.withMessage(output, "server hang deadline"::equals)).singleElement()
							.satisfies((line) -> assertThat(line).containsEntry("trace_id", "grpc-fail")));
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> deadline.get(10, TimeUnit.SECONDS))
				.satisfies((ex) -> assertThat(Status.fromThrowable(ex).getCode())
					.isEqualTo(Status.Code.DEADLINE_EXCEEDED));
			var cancelled = ClientCalls.futureUnaryCall(this.channel.newCall(EchoGrpc.HANG, CallOptions.DEFAULT),
					"cancel");
			await().untilAsserted(
					() -> assertThat(JsonLines.withMessage(output, "server hang cancel"::equals)).hasSize(1));
			cancelled.cancel(true);
		}
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(JsonLines.withMessage(output,
					(message) -> message.startsWith("gRPC call test.Echo/Fail ended with status")))
				.hasSize(2);
			assertThat(JsonLines.withMessage(output, "server hang cancelled deadline"::equals)).hasSize(1);
			assertThat(JsonLines.withMessage(output, "server hang cancelled cancel"::equals)).hasSize(1);
			assertThat(JsonLines.parse(output)).filteredOn((line) -> {
				String message = String.valueOf(line.get("message"));
				return message.startsWith("server fail") || message.startsWith("server hang")
						|| message.startsWith("gRPC call test.Echo/");
			})
				.hasSizeGreaterThanOrEqualTo(2 + 4 + 2 + 2)
				.allSatisfy((line) -> assertThat(line).containsEntry("trace_id", "grpc-fail"));
		});
	}

	@Test
	void unavailableServerFailsTheCallbacksUnderTheCallersId(CapturedOutput output) throws Exception {
		int closedPort;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
				java.net.InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		ManagedChannel unavailable = this.channels.createChannel("127.0.0.1:" + closedPort);
		CompletableFuture<Void> failed = new CompletableFuture<>();
		try (TraceScope scope = TraceContext.open("unavailable-1")) {
			ClientCalls.asyncUnaryCall(unavailable.newCall(EchoGrpc.UNARY, CallOptions.DEFAULT), "nobody",
					new StreamObserver<>() {

						@Override
						public void onNext(String value) {
						}

						@Override
						public void onError(Throwable failure) {
							EchoGrpc.logger.info("client saw {}", Status.fromThrowable(failure).getCode());
							failed.complete(null);
						}

						@Override
						public void onCompleted() {
						}

					});
		}
		try {
			failed.get(10, TimeUnit.SECONDS);
		}
		finally {
			unavailable.shutdownNow();
		}
		await().untilAsserted(
				() -> assertThat(JsonLines.withMessage(output, "client saw UNAVAILABLE"::equals)).singleElement()
					.satisfies((line) -> assertThat(line).containsEntry("trace_id", "unavailable-1")));
	}

	@Test
	void callerWithoutAnIdSendsNoHeaderAndNothingFails() {
		assertThat(TraceContext.currentTraceId()).isNull();
		long sentBefore = this.metrics.count(TraceMetrics.PROPAGATED, Layer.GRPC, null);
		long extractedBefore = this.metrics.count(TraceMetrics.EXTRACTED, Layer.GRPC, "header:X-Trace-ID");
		String reply = ClientCalls.blockingUnaryCall(this.capturing, EchoGrpc.UNARY, CallOptions.DEFAULT, "anonymous");
		assertThat(reply).isEqualTo("echo anonymous");
		assertThat(this.metrics.count(TraceMetrics.PROPAGATED, Layer.GRPC, null)).isEqualTo(sentBefore);
		assertThat(this.metrics.count(TraceMetrics.EXTRACTED, Layer.GRPC, "header:X-Trace-ID"))
			.isEqualTo(extractedBefore);
	}

	private static StreamObserver<String> observer(String prefix, CompletableFuture<Void> done) {
		return new StreamObserver<>() {

			@Override
			public void onNext(String value) {
				EchoGrpc.logger.info("{} {}", prefix, value);
			}

			@Override
			public void onError(Throwable failure) {
				done.completeExceptionally(failure);
			}

			@Override
			public void onCompleted() {
				EchoGrpc.logger.info("{} completed", prefix);
				done.complete(null);
			}

		};
	}

	static final class ServerPort implements ApplicationListener<GrpcServerStartedEvent> {

		private volatile int port;

		@Override
		public void onApplicationEvent(GrpcServerStartedEvent event) {
			this.port = event.getPort();
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class GrpcApplication {

		@Bean
		EchoGrpc.Service echoService() {
			return new EchoGrpc.Service();
		}

		@Bean
		ServerPort serverPort() {
			return new ServerPort();
		}

	}

}
