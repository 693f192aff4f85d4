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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.ServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.tracestarter.JsonLines;
import io.tracestarter.core.Layer;
import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceMetrics;
import io.tracestarter.core.TraceScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.grpc.server.ServerBuilderCustomizer;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * gRPC behind an HTTP request on Tomcat, a server executor of two threads, and hostile
 * metadata; all on real servers on loopback.
 */
@SpringBootTest(classes = GrpcFromHttpIntegrationTests.GrpcWebApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "spring.grpc.server.port=0",
				"spring.grpc.server.address=127.0.0.1", "management.tracing.export.otlp.enabled=false",
				"management.otlp.metrics.export.enabled=false" })
@ExtendWith(OutputCaptureExtension.class)
class GrpcFromHttpIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private GrpcChannelFactory channels;

	@Autowired
	private GrpcTestSupport.ServerPort grpcPort;

	@Autowired
	private TraceMetrics metrics;

	@Test
	void httpRequestsIdReachesBlockingFutureAndAsyncStubsAndTheServer(CapturedOutput output) {
		String body = RestClient.create("http://127.0.0.1:" + this.port)
			.get()
			.uri("/call-grpc")
			.header("X-Trace-ID", "abc123")
			.retrieve()
			.body(String.class);
		assertThat(body).isEqualTo("echo blocking|echo future|3");
		await().untilAsserted(() -> {
			assertThat(JsonLines.withMessage(output, (message) -> message.startsWith("server "))).hasSize(1 + 1 + 3)
				.allSatisfy((line) -> assertThat(line).containsEntry("trace_id", "abc123"));
			assertThat(JsonLines.withMessage(output, (message) -> message.startsWith("client "))).hasSize(1 + 3 + 1)
				.allSatisfy((line) -> assertThat(line).containsEntry("trace_id", "abc123"));
		});
	}

	@Test
	void thousandConcurrentCallsOverATwoThreadServerExecutorNeverMixIds(CapturedOutput output) throws Exception {
		ManagedChannel channel = this.channels.createChannel("127.0.0.1:" + this.grpcPort.port());
		try {
			List<ListenableFuture<String>> calls = new ArrayList<>();
			for (int i = 0; i < 1000; i++) {
				try (TraceScope scope = TraceContext.open("conc-" + i)) {
					calls.add(ClientCalls.futureUnaryCall(channel.newCall(EchoGrpc.UNARY, CallOptions.DEFAULT),
							"conc-" + i));
				}
			}
			for (ListenableFuture<String> call : calls) {
				call.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			channel.shutdownNow();
		}
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			var lines = JsonLines.withMessage(output, (message) -> message.startsWith("server unary conc-"));
			assertThat(lines).hasSize(1000);
			long wrong = lines.stream()
				.filter((line) -> !((String) line.get("message")).substring("server unary ".length())
					.equals(line.get("trace_id")))
				.count();
			assertThat(wrong).isZero();
			assertThat(lines.stream().map((line) -> line.get("thread")).distinct()).hasSizeLessThanOrEqualTo(2);
		});
	}

	@Test
	void hostileMetadataIsRejectedAndCounted(CapturedOutput output) {
		List<Metadata> hostile = new ArrayList<>();
		hostile.add(metadata("x-trace-id", "a".repeat(4096)));
		hostile.add(metadata("x-trace-id", "tab\there"));
		hostile.add(metadata("x-trace-id", "{\"trace_id\":\"forged\"}"));
		Metadata duplicate = metadata("x-trace-id", "first-valid");
		duplicate.put(key("x-trace-id"), "second value is bad");
		hostile.add(duplicate);
		Metadata binary = new Metadata();
		binary.put(Metadata.Key.of("x-trace-id-bin", Metadata.BINARY_BYTE_MARSHALLER),
				new byte[] { 0, 1, 2, (byte) 0xff });
		hostile.add(binary);
		hostile.add(metadata("traceparent", "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
		ManagedChannel channel = io.grpc.ManagedChannelBuilder.forAddress("127.0.0.1", this.grpcPort.port())
			.usePlaintext()
			.build();
		List<Long> rejectedPerCall = new ArrayList<>();
		try {
			for (int i = 0; i < hostile.size(); i++) {
				long before = this.metrics.count(TraceMetrics.REJECTED, Layer.GRPC, null);
				String reply = ClientCalls.blockingUnaryCall(
						io.grpc.ClientInterceptors.intercept(channel,
								MetadataUtils.newAttachHeadersInterceptor(hostile.get(i))),
						EchoGrpc.UNARY, CallOptions.DEFAULT, "hostile-" + i);
				assertThat(reply).isEqualTo("echo hostile-" + i);
				rejectedPerCall.add(this.metrics.count(TraceMetrics.REJECTED, Layer.GRPC, null) - before);
			}
		}
		finally {
			channel.shutdownNow();
		}
		// Overlong, tab (gRPC's transport drops a header value with a control character
		// before any interceptor sees it), JSON, duplicate key (judged by its last
		// value),
		// -bin key (not a source at all), invalid traceparent.
		assertThat(rejectedPerCall).containsExactly(1L, 0L, 1L, 1L, 0L, 1L);
		await().untilAsserted(() -> assertThat(
				JsonLines.withMessage(output, (message) -> message.startsWith("server unary hostile-")))
			.hasSize(hostile.size())
			.allSatisfy((line) -> assertThat((String) line.get("trace_id")).matches("[0-9a-f]{32}")));
		assertThat(output.getOut()).doesNotContain("forged").doesNotContain("second value is bad");
	}

	private static Metadata.Key<String> key(String name) {
		return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
	}

	private static Metadata metadata(String name, String value) {
		Metadata metadata = new Metadata();
		metadata.put(key(name), value);
		return metadata;
	}

	@RestController
	static class CallingController {

		private final GrpcChannelFactory channels;

		private final GrpcTestSupport.ServerPort grpcPort;

		CallingController(GrpcChannelFactory channels, GrpcTestSupport.ServerPort grpcPort) {
			this.channels = channels;
			this.grpcPort = grpcPort;
		}

		@GetMapping("/call-grpc")
		String call() throws Exception {
			ManagedChannel channel = this.channels.createChannel("127.0.0.1:" + this.grpcPort.port());
			try {
				String blocking = ClientCalls.blockingUnaryCall(channel, EchoGrpc.UNARY, CallOptions.DEFAULT,
						"blocking");
				EchoGrpc.logger.info("client blocking reply {}", blocking);
				ListenableFuture<String> future = ClientCalls
					.futureUnaryCall(channel.newCall(EchoGrpc.UNARY, CallOptions.DEFAULT), "future");
				future.addListener(() -> EchoGrpc.logger.info("client future reply"), MoreExecutors.directExecutor());
				CompletableFuture<Integer> streamed = new CompletableFuture<>();
				List<String> replies = new ArrayList<>();
				ClientCalls.asyncServerStreamingCall(channel.newCall(EchoGrpc.SERVER_STREAMING, CallOptions.DEFAULT),
						"stream", new StreamObserver<>() {

							@Override
							public void onNext(String value) {
								EchoGrpc.logger.info("client stream reply {}", value);
								replies.add(value);
							}

							@Override
							public void onError(Throwable failure) {
								streamed.completeExceptionally(failure);
							}

							@Override
							public void onCompleted() {
								streamed.complete(replies.size());
							}

						});
				return blocking + "|" + future.get(10, TimeUnit.SECONDS) + "|" + streamed.get(10, TimeUnit.SECONDS);
			}
			finally {
				channel.shutdownNow();
			}
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ GrpcTestSupport.EchoServiceConfiguration.class, CallingController.class })
	static class GrpcWebApplication {

		@Bean(destroyMethod = "shutdownNow")
		ExecutorService twoThreadGrpcExecutor() {
			return Executors.newFixedThreadPool(2, (task) -> new Thread(task, "grpc-server-" + System.nanoTime()));
		}

		@Bean
		<T extends ServerBuilder<T>> ServerBuilderCustomizer<T> twoThreadServerExecutor(
				ExecutorService twoThreadGrpcExecutor) {
			return (builder) -> builder.executor(twoThreadGrpcExecutor);
		}

	}

}
