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
import java.util.List;

import io.tracestarter.core.InboundSource;
import io.tracestarter.core.RecordingHops;
import io.tracestarter.core.RequestSampling;
import io.tracestarter.core.TraceIdGenerator;
import io.tracestarter.core.TraceIdResolver;
import io.tracestarter.core.TraceIdValidator;
import io.tracestarter.core.TraceMetrics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The id of a Kafka record: its header, else one derived from where the record sits.
 */
class KafkaTraceIdsTests {

	private final RecordingHops hops = new RecordingHops();

	private final KafkaTraceIds ids = new KafkaTraceIds(
			new TraceIdResolver(List.of(InboundSource.of("header:X-Trace-ID"), InboundSource.of("traceparent")),
					new TraceIdValidator(128), TraceIdGenerator.random(), new TraceMetrics()),
			this.hops, RequestSampling.none());

	@Test
	void theHeaderGivesTheIdAndTheHopIsRecorded() {
		assertThat(this.ids.of(record("orders", 0, 5, "kafka-1"))).isEqualTo("kafka-1");
		assertThat(this.hops.hops()).containsExactly("kafka-1 kafka in");
	}

	@Test
	void withoutAHeaderEveryDeliveryOfTheSameRecordGetsTheSameDerivedId() {
		String first = this.ids.of(record("orders", 1, 42, null));
		assertThat(first).matches("[0-9a-f]{32}");
		assertThat(this.ids.of(record("orders", 1, 42, null))).isEqualTo(first);
		assertThat(this.ids.of(record("orders", 1, 43, null))).isNotEqualTo(first);
		assertThat(this.ids.of(record("payments", 1, 42, null))).isNotEqualTo(first);
	}

	@Test
	void anInvalidHeaderIsRejectedForTheDerivedId() {
		String id = this.ids.of(record("orders", 0, 7, "bad\nid"));
		assertThat(id).isEqualTo(this.ids.of(record("orders", 0, 7, null)));
	}

	@Test
	void aRecordListenerRecordBeginsSampling() {
		assertThat(this.ids.begin(record("orders", 0, 9, "kafka-2")).traceId()).isEqualTo("kafka-2");
	}

	private static ConsumerRecord<Object, Object> record(String topic, int partition, long offset, String traceId) {
		ConsumerRecord<Object, Object> record = new ConsumerRecord<>(topic, partition, offset, "key", "value");
		if (traceId != null) {
			record.headers().add("X-Trace-ID", traceId.getBytes(StandardCharsets.UTF_8));
		}
		return record;
	}

}
