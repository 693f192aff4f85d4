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
import io.tracestarter.core.W3cParticipation;
import io.tracestarter.core.W3cTraceContext;
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

	@Test
	void oneTraceparentHeaderAmongOthersIsTheParentAndTwoAreNone() {
		String parentTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
		String parent = "00-" + parentTrace + "-00f067aa0ba902b7-01";
		W3cParticipation.use(true, true);
		try {
			ConsumerRecord<Object, Object> one = record("orders", 0, 10, "kafka-3");
			one.headers().add("other", "x".getBytes(StandardCharsets.UTF_8));
			one.headers().add("traceparent", parent.getBytes(StandardCharsets.UTF_8));
			one.headers().add("tracestate", "rojo=1".getBytes(StandardCharsets.UTF_8));
			W3cTraceContext continued = this.ids.begin(one).w3c();
			assertThat(continued.traceId()).isEqualTo(parentTrace);
			assertThat(continued.tracestate()).isEqualTo("rojo=1");
			ConsumerRecord<Object, Object> two = record("orders", 0, 11, "kafka-4");
			two.headers().add("traceparent", parent.getBytes(StandardCharsets.UTF_8));
			two.headers().add("traceparent", parent.replace("-01", "-00").getBytes(StandardCharsets.UTF_8));
			W3cTraceContext started = this.ids.begin(two).w3c();
			assertThat(started.traceId()).isNotEqualTo(parentTrace).matches("[0-9a-f]{32}");
			assertThat(started.tracestate()).isEmpty();
		}
		finally {
			W3cParticipation.use(false, true);
		}
	}

	private static ConsumerRecord<Object, Object> record(String topic, int partition, long offset, String traceId) {
		ConsumerRecord<Object, Object> record = new ConsumerRecord<>(topic, partition, offset, "key", "value");
		if (traceId != null) {
			record.headers().add("X-Trace-ID", traceId.getBytes(StandardCharsets.UTF_8));
		}
		return record;
	}

}
