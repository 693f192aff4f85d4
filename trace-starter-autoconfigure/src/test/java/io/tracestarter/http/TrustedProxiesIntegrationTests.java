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

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.tracestarter.JsonLines;
import io.tracestarter.app.WebFluxTestApplication;
import io.tracestarter.core.Layer;
import io.tracestarter.core.RecentTraceHops;
import io.tracestarter.core.TraceMetrics;
import io.tracestarter.grpc.GrpcTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code trace.inbound.trust=trusted-proxies} with only 127.0.0.1 trusted: a client
 * connecting from 127.0.0.2 is "another client". Real Netty HTTP and gRPC servers on
 * loopback; the actuator's per-id memory is on, to show it stays bounded under abuse.
 */
@SpringBootTest(classes = { WebFluxTestApplication.class, GrpcTestSupport.EchoServiceConfiguration.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "trace.inbound.trusted-addresses=127.0.0.1/32",
				"trace.http.response-header=inbound", "management.endpoints.web.exposure.include=tracecontext",
				"spring.grpc.server.port=0", "spring.grpc.server.address=127.0.0.1",
				"management.tracing.export.otlp.enabled=false", "management.otlp.metrics.export.enabled=false" })
@ExtendWith(OutputCaptureExtension.class)
class TrustedProxiesIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private TraceMetrics metrics;

	@Autowired
	private RecentTraceHops hops;

	@Autowired
	private MeterRegistry meterRegistry;

	@Autowired
	private GrpcTestSupport.ServerPort grpcPort;

	private WebClient clientFrom(String localAddress) {
		HttpClient http = HttpClient.create().bindAddress(() -> new InetSocketAddress(localAddress, 0));
		return WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(http))
			.baseUrl("http://127.0.0.1:" + this.port)
			.build();
	}

	private ResponseEntity<String> get(String from, String path, String traceId) {
		return clientFrom(from).get().uri(path).headers((headers) -> {
			if (traceId != null) {
				headers.set("X-Trace-ID", traceId);
			}
		}).retrieve().toEntity(String.class).block(Duration.ofSeconds(10));
	}

	@Test
	void trustedPeerSetsTheIdAndGetsItBack(CapturedOutput output) {
		ResponseEntity<String> response = get("127.0.0.1", "/plain", "abc123");
		assertThat(response.getHeaders().getFirst("X-Trace-ID")).isEqualTo("abc123");
		await().untilAsserted(() -> assertThat(JsonLines.withMessage(output, "plain handler"::equals))
			.anySatisfy((line) -> assertThat(line).containsEntry("trace_id", "abc123")));
	}

	@Test
	void untrustedPeersIdIsReplacedLoggedApartCountedAndNotEchoed(CapturedOutput output) {
		long before = this.metrics.count(TraceMetrics.REJECTED, Layer.HTTP, "untrusted");
		ResponseEntity<String> response = get("127.0.0.2", "/plain", "customer-ref-1");
		// Policy "inbound": a generated id is not put in the response.
		assertThat(response.getHeaders().containsHeader("X-Trace-ID")).isFalse();
		assertThat(this.metrics.count(TraceMetrics.REJECTED, Layer.HTTP, "untrusted") - before).isEqualTo(1);
		await().untilAsserted(() -> {
			var link = JsonLines.withMessage(output,
					(message) -> message.startsWith("Inbound trace id from an untrusted"));
			assertThat(link).anySatisfy((line) -> {
				assertThat(line).containsEntry("trace_id_inbound", "customer-ref-1");
				assertThat((String) line.get("trace_id")).matches("[0-9a-f]{32}");
			});
			assertThat(JsonLines.withMessage(output, "plain handler"::equals))
				.noneSatisfy((line) -> assertThat(line).containsEntry("trace_id", "customer-ref-1"));
		});
	}

	@Test
	void grpcPeerIsCheckedTheSameWay(CapturedOutput output) throws Exception {
		Metadata headers = new Metadata();
		headers.put(Metadata.Key.of("x-trace-id", Metadata.ASCII_STRING_MARSHALLER), "grpc-ref-1");
		for (String from : new String[] { "127.0.0.1", "127.0.0.2" }) {
			ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", this.grpcPort.port())
				.usePlaintext()
				.localSocketPicker(new NettyChannelBuilder.LocalSocketPicker() {
					@Override
					public InetSocketAddress createSocketAddress(java.net.SocketAddress remote,
							io.grpc.Attributes attributes) {
						return new InetSocketAddress(from, 0);
					}
				})
				.intercept(io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(headers))
				.build();
			try {
				ClientCalls.blockingUnaryCall(channel, GrpcTestSupport.UNARY, CallOptions.DEFAULT, "from " + from);
			}
			finally {
				channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
			}
		}
		await().untilAsserted(() -> {
			assertThat(JsonLines.withMessage(output, "server unary from 127.0.0.1"::equals)).singleElement()
				.satisfies((line) -> assertThat(line).containsEntry("trace_id", "grpc-ref-1"));
			assertThat(JsonLines.withMessage(output, "server unary from 127.0.0.2"::equals)).singleElement()
				.satisfies((line) -> assertThat((String) line.get("trace_id")).matches("[0-9a-f]{32}"));
		});
	}

	@Test
	void oneIdReusedTenThousandTimesAndManyDistinctIdsStayWithinBounds() {
		WebClient client = clientFrom("127.0.0.1");
		Flux.range(0, 10_000)
			.flatMap((i) -> client.get().uri("/plain").header("X-Trace-ID", "reused-id").retrieve().toBodilessEntity(),
					64)
			.blockLast(Duration.ofSeconds(120));
		RecentTraceHops.Hops reused = this.hops.hops("reused-id");
		assertThat(reused.hops()).hasSize(64);
		assertThat(reused.dropped()).isGreaterThan(10_000 - 64);
		Flux.range(0, 20_000)
			.flatMap((i) -> client.get().uri("/plain").header("X-Trace-ID", "abuse-" + i).retrieve().toBodilessEntity(),
					64)
			.blockLast(Duration.ofSeconds(120));
		assertThat(this.hops.hops("reused-id")).isNull();
		assertThat(this.hops.size()).isLessThanOrEqualTo(1000);
		RecentTraceHops.Hops last = this.hops.hops("abuse-19999");
		assertThat(last).isNotNull();
		assertThat(last.hops().size()).isLessThanOrEqualTo(64);
		// Still serving.
		assertThat(get("127.0.0.1", "/plain", "after-abuse").getStatusCode().is2xxSuccessful()).isTrue();
		// No metric tag ever carries an id.
		for (Meter meter : this.meterRegistry.getMeters()) {
			for (Tag tag : meter.getId().getTags()) {
				assertThat(tag.getValue()).doesNotContain("abuse-")
					.doesNotContain("reused-id")
					.doesNotContain("customer-ref");
			}
		}
	}

}
