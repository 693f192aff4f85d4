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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.tracestarter.JsonLines;
import io.tracestarter.app.KafkaTestApplication;
import io.tracestarter.core.Layer;
import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceMetrics;
import io.tracestarter.core.TraceScope;
import io.tracestarter.http.HostileCorpus;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real in-process KRaft broker (one for the class), Boot-built listener containers and
 * template, a real Tomcat on a random port; assertions on the JSON lines written.
 */
@SpringBootTest(classes = KafkaTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet",
				"spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
				"spring.kafka.consumer.group-id=trace-tests", "spring.kafka.consumer.auto-offset-reset=earliest",
				"management.tracing.export.otlp.enabled=false", "management.otlp.metrics.export.enabled=false" })
@EmbeddedKafka(partitions = 3,
		topics = { "orders", "plain", "flaky", "flaky-dlt", "load", "batch-records", "batch-messages", "batch-polls" })
@ExtendWith(OutputCaptureExtension.class)
class KafkaTraceIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private KafkaTemplate<Object, Object> template;

	@Autowired
	private KafkaListenerEndpointRegistry registry;

	@Autowired
	private KafkaTestApplication.ThreadStateProbe probe;

	@Autowired
	private TraceMetrics metrics;

	@Value("${spring.embedded.kafka.brokers}")
	private String brokers;

	@Test
	void httpRequestIdTravelsThroughTheRecordHeaderToTheListener(CapturedOutput output) {
		RestClient.create("http://127.0.0.1:" + this.port)
			.get()
			.uri("/kafka/send?tag=o1")
			.header("X-Trace-ID", "abc123")
			.retrieve()
			.body(String.class);
		await().untilAsserted(() -> {
			assertThat(JsonLines.withMessage(output, "order received o1 header abc123"::equals)).singleElement()
				.satisfies((line) -> assertThat(line).containsEntry("trace_id", "abc123"));
			// The send callback ran on the producer's thread, under the sender's id.
			assertThat(JsonLines.withMessage(output, "send completed o1"::equals)).singleElement()
				.satisfies((line) -> assertThat(line).containsEntry("trace_id", "abc123"));
		});
		assertThat(this.probe.idsSeenInIntercept).contains("abc123");
		assertThat(this.probe.idsBeforePoll).isNotEmpty().containsOnly("null");
	}

	@ParameterizedTest
	@ValueSource(strings = { "batch-records", "batch-messages", "batch-polls" })
	void eachRecordOfABatchCarriesItsOwnIdInsideTheListenersLoop(String topic, CapturedOutput output) {
		for (int i = 0; i < 50; i++) {
			ProducerRecord<Object, Object> record = new ProducerRecord<>(topic, 0, null, topic + "-" + i);
			record.headers().add("X-Trace-ID", (topic + "-" + i).getBytes(StandardCharsets.UTF_8));
			this.template.send(record);
		}
		this.template.flush();
		this.registry.getListenerContainer(topic).start();
		String inLoop = switch (topic) {
			case "batch-records" -> "batch record ";
			case "batch-messages" -> "batch message ";
			default -> "batch poll record ";
		};
		String prefix = inLoop.replace("record ", "").replace("message ", "");
		// A second loop over the same batch: an index loop over the records, a stream
		// over
		// the messages.
		String again = "batch again ";
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			List<Map<String, Object>> lines = JsonLines.withMessage(output, (message) -> message.startsWith(inLoop));
			assertThat(lines).hasSize(50);
			assertThat(lines).allSatisfy((line) -> assertThat(line).containsEntry("trace_id",
					((String) line.get("message")).substring(inLoop.length())));
			if (!topic.equals("batch-polls")) {
				assertThat(JsonLines.withMessage(output,
						(message) -> message.startsWith(again) && message.contains(topic + "-")))
					.hasSize(50)
					.allSatisfy((line) -> assertThat(line).containsEntry("trace_id",
							((String) line.get("message")).substring(again.length())));
			}
			assertThat(JsonLines.withMessage(output,
					(message) -> message.startsWith(prefix)
							&& (message.contains(" size ") || message.endsWith(" done"))))
				.isNotEmpty()
				.allSatisfy((line) -> assertThat(line).doesNotContainKey("trace_id"));
		});
		// All 50 came in one poll.
		assertThat(JsonLines.withMessage(output, (message) -> message.startsWith(prefix) && message.contains(" size ")))
			.first()
			.satisfies((line) -> assertThat((String) line.get("message")).endsWith(" 50"));
	}

	@Test
	void retriesErrorHandlerAndDeadLetterLinesCarryTheRecordsId(CapturedOutput output) {
		ProducerRecord<Object, Object> record = new ProducerRecord<>("flaky", 0, null, "f1");
		record.headers().add("X-Trace-ID", "flaky-1".getBytes(StandardCharsets.UTF_8));
		this.template.send(record);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(JsonLines.withMessage(output, "flaky attempt f1"::equals)).hasSize(3)
				.allSatisfy((line) -> assertThat(line).containsEntry("trace_id", "flaky-1"));
			assertThat(JsonLines.withMessage(output, "dead letter f1 header flaky-1"::equals)).singleElement()
				.satisfies((line) -> assertThat(line).containsEntry("trace_id", "flaky-1"));
		});
		// The error handler's own lines (seeks for the retry, "not yet recovered") are
		// about the record and carry its id.
		List<Map<String, Object>> containerLines = JsonLines.parse(output)
			.stream()
			.filter((line) -> String.valueOf(line.get("thread")).startsWith("flaky-0"))
			.filter((line) -> String.valueOf(line.get("message")).startsWith("Record in retry")
					|| String.valueOf(line.get("message")).contains("Seeking to offset"))
			.toList();
		assertThat(containerLines).hasSizeGreaterThanOrEqualTo(4)
			.allSatisfy((line) -> assertThat(line).containsEntry("trace_id", "flaky-1"));
	}

	@Test
	void recordsWithoutOrWithHostileHeadersGetAFreshIdAndAreProcessed(CapturedOutput output) {
		long rejectedBefore = this.metrics.count(TraceMetrics.REJECTED, Layer.KAFKA, "forbidden_character");
		this.template.send("plain", "no-headers");
		ProducerRecord<Object, Object> hostile = new ProducerRecord<>("plain", "hostile");
		hostile.headers().add("X-Trace-ID", "evil\"\n{\"trace_id\":\"x\"}".getBytes(StandardCharsets.UTF_8));
		this.template.send(hostile);
		ProducerRecord<Object, Object> invalidUtf8 = new ProducerRecord<>("plain", "invalid-utf8");
		invalidUtf8.headers().add("X-Trace-ID", new byte[] { 'i', 'd', (byte) 0xff, (byte) 0xfe });
		this.template.send(invalidUtf8);
		await().untilAsserted(
				() -> assertThat(JsonLines.withMessage(output, (message) -> message.startsWith("plain received")))
					.hasSize(3)
					.allSatisfy((line) -> assertThat((String) line.get("trace_id")).matches("[0-9a-f]{32}")));
		assertThat(this.metrics.count(TraceMetrics.REJECTED, Layer.KAFKA, "forbidden_character") - rejectedBefore)
			.isEqualTo(2);
		assertThat(output.getOut()).doesNotContain("evil");
	}

	@Test
	void hostileCorpusInRecordHeadersIsRejectedCountedAndNeverLogged(CapturedOutput output) {
		List<byte[]> corpus = HostileCorpus.idValues(512 * 1024);
		long rejectedBefore = this.metrics.count(TraceMetrics.REJECTED, Layer.KAFKA, null);
		for (int i = 0; i < corpus.size(); i++) {
			ProducerRecord<Object, Object> record = new ProducerRecord<>("plain", 0, null, "corpus-" + i);
			record.headers().add("X-Trace-ID", corpus.get(i));
			this.template.send(record);
		}
		this.template.flush();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(
					JsonLines.withMessage(output, (message) -> message.startsWith("plain received corpus-")))
				.hasSize(corpus.size())
				.allSatisfy((line) -> assertThat((String) line.get("trace_id")).matches("[0-9a-f]{32}")));
		assertThat(this.metrics.count(TraceMetrics.REJECTED, Layer.KAFKA, null) - rejectedBefore)
			.isEqualTo(corpus.size());
		assertThat(output.getOut()).doesNotContain(HostileCorpus.MARKER);
	}

	@Test
	void plainKafkaProducerGetsTheHeaderThroughInterceptorClasses(CapturedOutput output) {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.brokers,
				ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.INTERCEPTOR_CLASSES_CONFIG, TraceProducerInterceptor.class.getName());
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config);
				TraceScope scope = TraceContext.open("plain-producer-1")) {
			producer.send(new ProducerRecord<>("plain", "from-plain-producer"));
		}
		await()
			.untilAsserted(() -> assertThat(JsonLines.withMessage(output, "plain received from-plain-producer"::equals))
				.singleElement()
				.satisfies((line) -> assertThat(line).containsEntry("trace_id", "plain-producer-1")));
	}

	@Test
	void fiveThousandRecordsOnThreePartitionsWithThreeConsumersNeverMixIds(CapturedOutput output) {
		ConcurrentMessageListenerContainer<?, ?> container = (ConcurrentMessageListenerContainer<?, ?>) this.registry
			.getListenerContainer("load");
		// Each of the three consumers owns one partition before the load starts.
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(container.getContainers()).hasSize(3)
				.allSatisfy((child) -> assertThat(child.getAssignedPartitions()).hasSize(1)));
		for (int i = 0; i < 5000; i++) {
			ProducerRecord<Object, Object> record = new ProducerRecord<>("load", "key-" + i, "load-" + i);
			record.headers().add("X-Trace-ID", ("load-" + i).getBytes(StandardCharsets.UTF_8));
			this.template.send(record);
		}
		this.template.flush();
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			List<Map<String, Object>> lines = JsonLines.withMessage(output, (message) -> message.startsWith("load "));
			assertThat(lines).hasSize(5000);
			assertThat(lines.stream().map((line) -> line.get("thread")).distinct()).hasSize(3);
			long wrong = lines.stream()
				.filter((line) -> !((String) line.get("message")).substring(5).equals(line.get("trace_id")))
				.count();
			assertThat(wrong).isZero();
		});
	}

}
