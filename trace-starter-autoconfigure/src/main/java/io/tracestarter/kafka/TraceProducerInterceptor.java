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
import io.tracestarter.core.OutboundPropagation;
import io.tracestarter.core.OutboundSetter;
import io.tracestarter.core.RequestSampling;
import io.tracestarter.core.TraceHopRecorder;
import io.tracestarter.core.TraceMetrics;
import io.tracestarter.core.W3cTraceContext;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Adds the sender's trace id to every record as header {@code X-Trace-ID} (and the
 * current span id as {@code X-Span-ID} when a span is active), unless the record already
 * has the header. The starter sets it on Boot's {@code KafkaTemplate}; a
 * {@code KafkaProducer} made in application code gets it by listing this class in
 * {@code interceptor.classes} (the header name can then be set with the producer property
 * {@code trace.kafka.header-name}). W3C Trace Context goes with it when the starter takes
 * part in it (no tracer).
 *
 * @since 0.1.0
 */
public class TraceProducerInterceptor implements ProducerInterceptor<Object, Object> {

	/**
	 * Producer property that overrides the header name for producers configured through
	 * {@code interceptor.classes}.
	 */
	public static final String HEADER_NAME_CONFIG = "trace.kafka.header-name";

	static final String SPAN_ID_HEADER = "X-Span-ID";

	private String headerName;

	private final OutboundPropagation outbound;

	private final OutboundSetter<Headers> setter = new OutboundSetter<>() {

		@Override
		public boolean isSet(Headers headers) {
			return headers.lastHeader(TraceProducerInterceptor.this.headerName) != null;
		}

		@Override
		public void set(Headers headers, String traceId) {
			headers.add(TraceProducerInterceptor.this.headerName, traceId.getBytes(StandardCharsets.UTF_8));
			String spanId = MDC.get("spanId");
			if (spanId != null && headers.lastHeader(SPAN_ID_HEADER) == null) {
				headers.add(SPAN_ID_HEADER, spanId.getBytes(StandardCharsets.UTF_8));
			}
		}

		@Override
		public void setSampledOut(Headers headers) {
			headers.add(RequestSampling.SAMPLED_HEADER, RequestSampling.SAMPLED_OUT.getBytes(StandardCharsets.UTF_8));
		}

		@Override
		public boolean hasTraceparent(Headers headers) {
			return headers.lastHeader(W3cTraceContext.TRACEPARENT) != null;
		}

		@Override
		public void setW3c(Headers headers, String traceparent, String tracestate) {
			headers.add(W3cTraceContext.TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
			if (!tracestate.isEmpty()) {
				headers.add(W3cTraceContext.TRACESTATE, tracestate.getBytes(StandardCharsets.UTF_8));
			}
		}

	};

	/**
	 * Create the interceptor Kafka instantiates from {@code interceptor.classes}.
	 */
	public TraceProducerInterceptor() {
		this("X-Trace-ID", null, TraceHopRecorder.none());
	}

	TraceProducerInterceptor(String headerName, @Nullable TraceMetrics metrics, TraceHopRecorder hops) {
		this(headerName, metrics, hops, RequestSampling.none());
	}

	TraceProducerInterceptor(String headerName, @Nullable TraceMetrics metrics, TraceHopRecorder hops,
			RequestSampling sampling) {
		this.headerName = headerName;
		this.outbound = new OutboundPropagation(metrics, hops, sampling);
	}

	@Override
	public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
		this.outbound.inject(Layer.KAFKA, record.headers(), this.setter);
		return record;
	}

	@Override
	public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
	}

	@Override
	public void close() {
	}

	@Override
	public void configure(Map<String, ?> configs) {
		Object headerName = configs.get(HEADER_NAME_CONFIG);
		if (headerName instanceof String name && !name.isBlank()) {
			this.headerName = name;
		}
	}

}
