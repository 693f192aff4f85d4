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

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.grpc.BindableService;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.tracestarter.JsonLines;
import io.tracestarter.grpc.GrpcTestSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
import org.springframework.core.env.Environment;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One W3C trace from an HTTP request on Tomcat through a Kafka record (a real in-process
 * KRaft broker) and a gRPC call over loopback to a last HTTP request, with Micrometer
 * Tracing absent from the classpath (run by the {@code without-micrometer-tracing}
 * Surefire execution): the starter alone carries {@code traceparent} and
 * {@code tracestate} on every hop, and each hop logs under a span id of its own.
 */
@SpringBootTest(classes = W3cChainWithoutTracingIntegrationTests.ChainApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet",
				"spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
				"spring.kafka.consumer.group-id=w3c-chain", "spring.kafka.consumer.auto-offset-reset=earliest",
				"spring.grpc.server.port=0", "spring.grpc.server.address=127.0.0.1",
				"management.otlp.metrics.export.enabled=false" })
@EmbeddedKafka(topics = W3cChainWithoutTracingIntegrationTests.ChainApplication.TOPIC)
@ExtendWith(OutputCaptureExtension.class)
class W3cChainWithoutTracingIntegrationTests {

	private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

	private static final String PARENT_ID = "b7ad6b7169203331";

	private static final String TRACESTATE = "vendor=value,other=2";

	private static final List<String> HOPS = List.of("http", "kafka", "grpc", "last");

	@LocalServerPort
	private int port;

	@Autowired
	private Seen seen;

	@Test
	void micrometerTracingIsReallyAbsent() {
		assertThat(ClassUtils.isPresent("io.micrometer.tracing.Tracer", null)).isFalse();
	}

	@Test
	void oneTraceIdFromHttpThroughKafkaAndGrpcToHttp(CapturedOutput output) {
		ResponseEntity<String> response = RestClient.create("http://127.0.0.1:" + this.port)
			.get()
			.uri("/chain/start")
			.header("traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-01")
			.header("tracestate", TRACESTATE)
			.retrieve()
			.toEntity(String.class);
		assertThat(response.getBody()).isEqualTo("sent");
		assertThat(response.getHeaders().getFirst("X-Trace-ID")).isEqualTo(TRACE_ID);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(JsonLines.withMessage(output, "chain kafka replied done"::equals)).hasSize(1));
		List<String> parentIds = new ArrayList<>(List.of(PARENT_ID));
		parentIds.add(sameTrace("kafka"));
		parentIds.add(sameTrace("grpc"));
		String lastParentId = sameTrace("last");
		assertThat(this.seen.get("last X-Trace-ID")).isEqualTo(TRACE_ID);
		List<String> spanIds = hopSpanIds(output);
		parentIds.addAll(spanIds.subList(0, 3));
		assertThat(lastParentId).isNotIn(parentIds);
	}

	/**
	 * Assert that the hop received a traceparent of the test's trace, sampled, and the
	 * test's tracestate unchanged; return the parent id it received.
	 */
	private String sameTrace(String hop) {
		String traceparent = this.seen.get(hop + " traceparent");
		assertThat(traceparent).as(hop).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
		String[] parts = traceparent.split("-");
		assertThat(parts[1]).as(hop).isEqualTo(TRACE_ID);
		assertThat(parts[3]).as(hop).isEqualTo("01");
		assertThat(this.seen.get(hop + " tracestate")).as(hop).isEqualTo(TRACESTATE);
		return parts[2];
	}

	/**
	 * Assert that every line of every hop carries the trace id and the hop's own span id,
	 * a new one on each hop; return the span ids in hop order.
	 */
	private static List<String> hopSpanIds(CapturedOutput output) {
		List<String> spanIds = new ArrayList<>();
		for (String hop : HOPS) {
			List<Map<String, Object>> lines = JsonLines.withMessage(output,
					(message) -> message.startsWith("chain " + hop + " "));
			assertThat(lines).as(hop)
				.hasSize(hop.equals("last") ? 1 : 2)
				.allSatisfy((line) -> assertThat(line).containsEntry("trace_id", TRACE_ID));
			assertThat(lines.stream().map((line) -> line.get("span_id")).distinct().toList()).as(hop)
				.singleElement()
				.asString()
				.matches("[0-9a-f]{16}");
			spanIds.add((String) lines.get(0).get("span_id"));
		}
		assertThat(spanIds).doesNotHaveDuplicates().doesNotContain(PARENT_ID);
		return spanIds;
	}

	/** What each hop received, by "hop header". */
	static final class Seen {

		private final Map<String, String> values = new ConcurrentHashMap<>();

		void put(String key, @Nullable String value) {
			this.values.put(key, String.valueOf(value));
		}

		@Nullable String get(String key) {
			return this.values.get(key);
		}

	}

	@RestController
	static class ChainController {

		private final KafkaTemplate<Object, Object> template;

		private final Seen seen;

		ChainController(KafkaTemplate<Object, Object> template, Seen seen) {
			this.template = template;
			this.seen = seen;
		}

		@GetMapping("/chain/start")
		String start() {
			ChainApplication.logger.info("chain http received");
			this.template.send(ChainApplication.TOPIC, "order");
			ChainApplication.logger.info("chain http sent");
			return "sent";
		}

		@GetMapping("/chain/last")
		String last(@RequestHeader(name = "traceparent", required = false) @Nullable String traceparent,
				@RequestHeader(name = "tracestate", required = false) @Nullable String tracestate,
				@RequestHeader(name = "X-Trace-ID", required = false) @Nullable String traceId) {
			ChainApplication.logger.info("chain last received");
			this.seen.put("last traceparent", traceparent);
			this.seen.put("last tracestate", tracestate);
			this.seen.put("last X-Trace-ID", traceId);
			return "done";
		}

	}

	@Component
	static class ChainListener {

		private final GrpcChannelFactory channels;

		private final GrpcTestSupport.ServerPort grpcPort;

		private final Seen seen;

		ChainListener(GrpcChannelFactory channels, GrpcTestSupport.ServerPort grpcPort, Seen seen) {
			this.channels = channels;
			this.grpcPort = grpcPort;
			this.seen = seen;
		}

		@KafkaListener(id = "w3c-chain", topics = ChainApplication.TOPIC)
		void onRecord(ConsumerRecord<String, String> record) {
			ChainApplication.logger.info("chain kafka received {}", record.value());
			this.seen.put("kafka traceparent", header(record, "traceparent"));
			this.seen.put("kafka tracestate", header(record, "tracestate"));
			ManagedChannel channel = this.channels.createChannel("127.0.0.1:" + this.grpcPort.port());
			try {
				String reply = ClientCalls.blockingUnaryCall(channel, ChainService.FORWARD, CallOptions.DEFAULT,
						record.value());
				ChainApplication.logger.info("chain kafka replied {}", reply);
			}
			finally {
				channel.shutdownNow();
			}
		}

		private static @Nullable String header(ConsumerRecord<?, ?> record, String name) {
			Header header = record.headers().lastHeader(name);
			return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
		}

	}

	/** A unary gRPC service built by hand that forwards to the last HTTP endpoint. */
	static final class ChainService implements BindableService {

		static final MethodDescriptor.Marshaller<String> STRING = new MethodDescriptor.Marshaller<>() {

			@Override
			public InputStream stream(String value) {
				return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
			}

			@Override
			public String parse(InputStream stream) {
				try {
					return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
				}
				catch (IOException ex) {
					throw Status.INTERNAL.withCause(ex).asRuntimeException();
				}
			}

		};

		static final MethodDescriptor<String, String> FORWARD = MethodDescriptor.<String, String>newBuilder()
			.setType(MethodType.UNARY)
			.setFullMethodName(MethodDescriptor.generateFullMethodName("test.Chain", "Forward"))
			.setRequestMarshaller(STRING)
			.setResponseMarshaller(STRING)
			.build();

		private final RestClient.Builder restClient;

		private final Environment environment;

		ChainService(RestClient.Builder restClient, Environment environment) {
			this.restClient = restClient;
			this.environment = environment;
		}

		@Override
		public ServerServiceDefinition bindService() {
			return ServerServiceDefinition
				.builder(ServiceDescriptor.newBuilder("test.Chain").addMethod(FORWARD).build())
				.addMethod(FORWARD, ServerCalls.asyncUnaryCall((request, response) -> {
					ChainApplication.logger.info("chain grpc received {}", request);
					String body = this.restClient
						.baseUrl("http://127.0.0.1:" + this.environment.getProperty("local.server.port"))
						.build()
						.get()
						.uri("/chain/last")
						.retrieve()
						.body(String.class);
					ChainApplication.logger.info("chain grpc answered {}", body);
					response.onNext(body);
					response.onCompleted();
				}))
				.build();
		}

	}

	/** Records the W3C metadata the gRPC server received. */
	static final class MetadataRecorder implements ServerInterceptor {

		private static final Metadata.Key<String> TRACEPARENT = Metadata.Key.of("traceparent",
				Metadata.ASCII_STRING_MARSHALLER);

		private static final Metadata.Key<String> TRACESTATE = Metadata.Key.of("tracestate",
				Metadata.ASCII_STRING_MARSHALLER);

		private final Seen seen;

		MetadataRecorder(Seen seen) {
			this.seen = seen;
		}

		@Override
		public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
				ServerCallHandler<Q, R> next) {
			this.seen.put("grpc traceparent", headers.get(TRACEPARENT));
			this.seen.put("grpc tracestate", headers.get(TRACESTATE));
			return next.startCall(call, headers);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ ChainController.class, ChainListener.class })
	static class ChainApplication {

		static final String TOPIC = "w3c-chain";

		static final Logger logger = LoggerFactory.getLogger(ChainApplication.class);

		@Bean
		Seen seen() {
			return new Seen();
		}

		@Bean
		ChainService chainService(RestClient.Builder restClient, Environment environment) {
			return new ChainService(restClient, environment);
		}

		@Bean
		@GlobalServerInterceptor
		MetadataRecorder metadataRecorder(Seen seen) {
			return new MetadataRecorder(seen);
		}

		@Bean
		GrpcTestSupport.ServerPort grpcServerPort() {
			return new GrpcTestSupport.ServerPort();
		}

	}

}
