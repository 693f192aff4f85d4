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

package io.tracestarter.kafka;

import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.tracestarter.JsonLines;
import io.tracestarter.app.KafkaTestApplication;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The Kafka broker stops and starts again while records flow: records sent before the
 * stop, while the broker is down (the producer keeps them until it is back) and after it
 * is back are each consumed under their own id. A real in-process KRaft broker, Boot's
 * listener containers and template, a real Tomcat; assertions on the JSON lines written.
 */
@SpringBootTest(classes = KafkaTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet",
				"spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
				"spring.kafka.consumer.group-id=restart-tests", "spring.kafka.consumer.auto-offset-reset=earliest",
				"management.tracing.export.otlp.enabled=false", "management.otlp.metrics.export.enabled=false" })
// One partition: a restart moves its only leader away and back.
@EmbeddedKafka(partitions = 1, topics = "orders")
@ExtendWith(OutputCaptureExtension.class)
class KafkaBrokerRestartIntegrationTests {

	private static final int PER_PHASE = 100;

	private static final String TOPIC = "orders";

	@LocalServerPort
	private int port;

	private final EmbeddedKafkaKraftBroker broker;

	private final KafkaListenerEndpointRegistry registry;

	KafkaBrokerRestartIntegrationTests(@Autowired EmbeddedKafkaBroker broker,
			@Autowired KafkaListenerEndpointRegistry registry) {
		this.broker = (EmbeddedKafkaKraftBroker) broker;
		this.registry = registry;
	}

	@Test
	void recordsBeforeDuringAndAfterARestartEachCarryTheirOwnId(CapturedOutput output) throws Exception {
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.registry.getListenerContainer("orders").getAssignedPartitions())
				.isNotEmpty());
		WebClient client = WebClient.create("http://127.0.0.1:" + this.port);
		// The broker server inside the in-process KRaft node (its controller keeps
		// running,
		// as a dedicated controller would). spring-kafka-test ignores kafkaPorts in KRaft
		// mode, but Kafka's test kit binds a restarted broker's listener to the port it
		// had.
		BrokerServer server = this.broker.getCluster().brokers().get(0);
		int brokerPort = server.boundPort(server.config().interBrokerListenerName());

		// The broker goes down halfway through the first requests: records are in the
		// producer, on the wire and in the listener.
		CompletableFuture<Void> aroundStop = send(client, 0, PER_PHASE).then().toFuture();
		await().atMost(Duration.ofSeconds(30)).until(() -> sent(output), (sent) -> sent >= PER_PHASE / 2);
		server.shutdown();
		assertThatExceptionOfType(ConnectException.class).as("the broker's port is closed")
			.isThrownBy(() -> new Socket("localhost", brokerPort).close());
		// Sent while the broker is down. The producer buffers a record while it still
		// knows the topic's leader; once it has fallen back to its bootstrap address it
		// forgets the topic, and send() blocks the request thread (max.block.ms, 60 s)
		// until the broker is back. Either way each record must keep its own id.
		CompletableFuture<Void> whileDown = send(client, PER_PHASE, 2 * PER_PHASE).then().toFuture();
		await().atMost(Duration.ofSeconds(30)).until(() -> sent(output), (sent) -> sent == 2 * PER_PHASE);

		// The same broker, same log directories, same port.
		server.startup();
		assertThat(server.boundPort(server.config().interBrokerListenerName())).isEqualTo(brokerPort);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(leaderOf(TOPIC)).isEqualTo(0));
		aroundStop.get(60, TimeUnit.SECONDS);
		whileDown.get(60, TimeUnit.SECONDS);
		send(client, 2 * PER_PHASE, 3 * PER_PHASE).blockLast(Duration.ofSeconds(60));

		int records = 3 * PER_PHASE;
		await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			Set<String> consumed = JsonLines
				.withMessage(output, (message) -> message.startsWith("order received restart-"))
				.stream()
				.map((line) -> tag((String) line.get("message"), "order received "))
				.collect(Collectors.toSet());
			assertThat(consumed).hasSize(records);
			assertThat(JsonLines.withMessage(output, (message) -> message.startsWith("send completed restart-")))
				.hasSize(records);
		});

		Checked listener = check(output, "order received ");
		Checked callbacks = check(output, "send completed ");
		Checked handlers = check(output, "http send ");
		System.out.printf(
				"kafka restart: %d records, %d listener lines checked (%d redelivered), %d wrong, %d missing;"
						+ " %d send-callback lines, %d wrong, %d missing; %d request lines, %d wrong, %d missing%n",
				records, listener.lines, listener.lines - records, listener.wrong, listener.missing, callbacks.lines,
				callbacks.wrong, callbacks.missing, handlers.lines, handlers.wrong, handlers.missing);
		assertThat(listener.wrong).isZero();
		assertThat(listener.missing).isZero();
		assertThat(listener.wrongHeader).isZero();
		assertThat(callbacks.lines).isEqualTo(records);
		assertThat(callbacks.wrong + callbacks.missing).isZero();
		assertThat(handlers.lines).isEqualTo(records);
		assertThat(handlers.wrong + handlers.missing).isZero();
	}

	/** Sends each record from its own HTTP request, all at once, with the record's id. */
	private static Flux<String> send(WebClient client, int from, int to) {
		return Flux.range(from, to - from)
			.flatMap((i) -> client.get()
				.uri("/kafka/send?tag=restart-{i}", i)
				.header("X-Trace-ID", "restart-" + i)
				.retrieve()
				.bodyToMono(String.class), to - from);
	}

	private static int sent(CapturedOutput output) {
		return JsonLines.withMessage(output, (message) -> message.startsWith("http send restart-")).size();
	}

	private int leaderOf(String topic) {
		TopicDescription description = this.broker.doWithAdminFunction((admin) -> {
			try {
				return admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		var leader = description.partitions().get(0).leader();
		return (leader != null) ? leader.id() : -1;
	}

	/**
	 * Lines of one kind: each names its record ({@code restart-N}), whose id it must
	 * carry.
	 */
	private static Checked check(CapturedOutput output, String prefix) {
		Checked checked = new Checked();
		for (Map<String, Object> line : JsonLines.withMessage(output,
				(message) -> message.startsWith(prefix + "restart-"))) {
			String message = (String) line.get("message");
			String expected = tag(message, prefix);
			checked.lines++;
			Object actual = line.get("trace_id");
			if (actual == null) {
				checked.missing++;
			}
			else if (!expected.equals(actual)) {
				checked.wrong++;
			}
			if (message.contains(" header ") && !message.endsWith(" header " + expected)) {
				checked.wrongHeader++;
			}
		}
		return checked;
	}

	private static String tag(String message, String prefix) {
		String rest = message.substring(prefix.length());
		int space = rest.indexOf(' ');
		return (space < 0) ? rest : rest.substring(0, space);
	}

	private static final class Checked {

		long lines;

		long wrong;

		long missing;

		long wrongHeader;

	}

}
