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

package io.tracestarter.sample;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample starts its own broker and gRPC server, and closing it leaves no broker,
 * listener or gRPC thread and no open port behind.
 */
class SampleLifecycleTests {

	private static final List<String> OWNED_THREADS = List.of("kafka", "quorum", "broker", "order-records",
			"order-batches", "grpc-default", "controller");

	@Test
	void startsWithTheEmbeddedBrokerAndStopsCleanly() {
		int[] grpcPort = new int[1];
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
			.properties("server.port=0", "spring.grpc.server.port=0")
			.listeners((event) -> {
				if (event instanceof GrpcServerStartedEvent started) {
					grpcPort[0] = started.getPort();
				}
			})
			.run();
		String brokers = context.getEnvironment().getProperty("spring.kafka.bootstrap-servers");
		assertThat(brokers).isNotBlank();
		int brokerPort = Integer.parseInt(brokers.substring(brokers.lastIndexOf(':') + 1));
		int httpPort = ((WebServerApplicationContext) context).getWebServer().getPort();
		assertThat(isOpen(brokerPort)).isTrue();
		assertThat(isOpen(grpcPort[0])).isTrue();
		context.close();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(isOpen(brokerPort)).as("broker port").isFalse();
			assertThat(isOpen(grpcPort[0])).as("gRPC port").isFalse();
			assertThat(isOpen(httpPort)).as("HTTP port").isFalse();
			assertThat(Thread.getAllStackTraces().keySet()).filteredOn(Thread::isAlive)
				.extracting(Thread::getName)
				.noneMatch((name) -> OWNED_THREADS.stream().anyMatch(name::contains));
		});
	}

	private static boolean isOpen(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
