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
import java.util.Map;

import io.tracestarter.core.Layer;
import io.tracestarter.core.RecordingHops;
import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceMetrics;
import io.tracestarter.core.TraceScope;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The producer interceptor adds the sender's id to records, never over one the sender
 * set.
 */
class TraceProducerInterceptorTests {

	private final TraceMetrics metrics = new TraceMetrics();

	private final RecordingHops hops = new RecordingHops();

	private final TraceProducerInterceptor interceptor = new TraceProducerInterceptor("X-Trace-ID", this.metrics,
			this.hops);

	@AfterEach
	void clearSpan() {
		MDC.remove("spanId");
	}

	@Test
	void theSendersIdAndSpanGoIntoTheHeaders() {
		ProducerRecord<Object, Object> sent;
		MDC.put("spanId", "span-1");
		try (TraceScope scope = TraceContext.open("send-1")) {
			sent = this.interceptor.onSend(new ProducerRecord<>("orders", "value"));
		}
		assertThat(header(sent, "X-Trace-ID")).isEqualTo("send-1");
		assertThat(header(sent, TraceProducerInterceptor.SPAN_ID_HEADER)).isEqualTo("span-1");
		assertThat(this.metrics.count(TraceMetrics.PROPAGATED, Layer.KAFKA, null)).isOne();
		assertThat(this.hops.hops()).containsExactly("send-1 kafka out");
	}

	@Test
	void anIdTheSenderSetIsKept() {
		ProducerRecord<Object, Object> record = new ProducerRecord<>("orders", "value");
		record.headers().add("X-Trace-ID", "own".getBytes(StandardCharsets.UTF_8));
		try (TraceScope scope = TraceContext.open("send-2")) {
			this.interceptor.onSend(record);
		}
		assertThat(record.headers().headers("X-Trace-ID")).hasSize(1);
		assertThat(header(record, "X-Trace-ID")).isEqualTo("own");
	}

	@Test
	void withoutAnIdNoHeaderIsAdded() {
		ProducerRecord<Object, Object> sent = this.interceptor.onSend(new ProducerRecord<>("orders", "value"));
		assertThat(sent.headers().lastHeader("X-Trace-ID")).isNull();
	}

	@Test
	void aProducerConfiguredByClassNameTakesItsHeaderNameFromTheConfig() {
		TraceProducerInterceptor fromConfig = new TraceProducerInterceptor();
		fromConfig.configure(Map.of(TraceProducerInterceptor.HEADER_NAME_CONFIG, "X-Correlation-ID"));
		ProducerRecord<Object, Object> sent;
		try (TraceScope scope = TraceContext.open("send-3")) {
			sent = fromConfig.onSend(new ProducerRecord<>("orders", "value"));
		}
		assertThat(header(sent, "X-Correlation-ID")).isEqualTo("send-3");
	}

	private static String header(ProducerRecord<Object, Object> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
