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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.tracestarter.core.InboundGetter;
import io.tracestarter.core.InboundPropagation;
import io.tracestarter.core.InboundPropagation.Inbound;
import io.tracestarter.core.InboundSource;
import io.tracestarter.core.InboundTrust;
import io.tracestarter.core.Layer;
import io.tracestarter.core.RequestSampling;
import io.tracestarter.core.RequestSampling.Kind;
import io.tracestarter.core.TraceHopRecorder;
import io.tracestarter.core.TraceIdResolver;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/**
 * The trace id of a Kafka record: its header per {@code trace.id.sources}
 * ({@code header:X-Trace-ID}, then {@code traceparent}, ...), validated like HTTP; else
 * an id derived from the record's topic, partition and offset, so every delivery of the
 * same record (retries, the error handler, the dead-letter publisher) agrees on it.
 */
final class KafkaTraceIds {

	private static final InboundGetter<Headers> RECORD_HEADERS = new RecordHeadersGetter();

	private static final InboundGetter<MessageHeaders> MESSAGE_HEADERS = KafkaTraceIds::header;

	private final InboundPropagation inbound;

	KafkaTraceIds(TraceIdResolver resolver) {
		this(resolver, TraceHopRecorder.none(), RequestSampling.none());
	}

	KafkaTraceIds(TraceIdResolver resolver, TraceHopRecorder hops, RequestSampling sampling) {
		// Every record header is trusted: the broker's clients are inside the cluster.
		this.inbound = new InboundPropagation(resolver, InboundTrust.all(), hops, sampling);
	}

	/**
	 * Take the id of a record a record listener is about to handle, and begin its log
	 * sampling.
	 */
	Inbound begin(ConsumerRecord<?, ?> record) {
		return this.inbound.extract(Layer.KAFKA, record.headers(), RECORD_HEADERS, () -> true, () -> derived(record),
				Kind.KAFKA_TOPIC, record.topic());
	}

	/** Take the id of one record of a batch. */
	String of(ConsumerRecord<?, ?> record) {
		return this.inbound.extract(Layer.KAFKA, record.headers(), RECORD_HEADERS, () -> derived(record)).traceId();
	}

	/** Take the id of one message of a batch. */
	String of(Message<?> message) {
		MessageHeaders headers = message.getHeaders();
		return this.inbound.extract(Layer.KAFKA, headers, MESSAGE_HEADERS, () -> derived(headers)).traceId();
	}

	private static String derived(ConsumerRecord<?, ?> record) {
		return derived(record.topic(), record.partition(), record.offset());
	}

	private static String derived(MessageHeaders headers) {
		Object topic = headers.get(KafkaHeaders.RECEIVED_TOPIC);
		Object partition = headers.get(KafkaHeaders.RECEIVED_PARTITION);
		Object offset = headers.get(KafkaHeaders.OFFSET);
		return derived(String.valueOf(topic), (partition instanceof Integer p) ? p : -1,
				(offset instanceof Long o) ? o : -1);
	}

	private static @Nullable String header(Headers headers, InboundSource source) {
		if (source.type() == InboundSource.Type.QUERY) {
			return null;
		}
		Header header = headers.lastHeader(source.name());
		return (header != null && header.value() != null) ? decode(header.value()) : null;
	}

	private static @Nullable String header(MessageHeaders headers, InboundSource source) {
		if (source.type() == InboundSource.Type.QUERY) {
			return null;
		}
		Object value = headers.get(source.name());
		if (value instanceof byte[] bytes) {
			return decode(bytes);
		}
		return (value != null) ? value.toString() : null;
	}

	/**
	 * Invalid UTF-8 becomes U+FFFD, which validation rejects (and counts) like any other
	 * character outside the safe set.
	 */
	private static String decode(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	/**
	 * 32 hex characters mixed from the record's position (SplitMix64 finalizer).
	 */
	static String derived(String topic, int partition, long offset) {
		long high = 0x9E3779B97F4A7C15L;
		long low = 0xC2B2AE3D27D4EB4FL;
		for (int i = 0; i < topic.length(); i++) {
			high = mix(high ^ topic.charAt(i));
			low = mix(low + topic.charAt(i));
		}
		high = mix(high ^ partition ^ (offset << 7));
		low = mix(low ^ offset ^ ((long) partition << 32));
		return HexFormat.of().toHexDigits(high) + HexFormat.of().toHexDigits(low);
	}

	private static long mix(long value) {
		long z = value + 0x9E3779B97F4A7C15L;
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

	private static final class RecordHeadersGetter implements InboundGetter<Headers> {

		@Override
		public @Nullable String get(Headers headers, InboundSource source) {
			return header(headers, source);
		}

		/**
		 * One pass over the headers, and a list made only for a second value: asked for
		 * {@code traceparent} on every record, which mostly has none or one.
		 */
		@Override
		public List<String> all(Headers headers, InboundSource source) {
			String name = source.name();
			String first = null;
			List<String> more = null;
			for (Header header : headers) {
				// The key first: a record header copies its value out of the fetched
				// bytes the first time it is asked for it.
				if (!name.equals(header.key())) {
					continue;
				}
				byte[] value = header.value();
				if (value == null) {
					continue;
				}
				if (first == null) {
					first = decode(value);
				}
				else {
					if (more == null) {
						more = new ArrayList<>(2);
						more.add(first);
					}
					more.add(decode(value));
				}
			}
			if (more != null) {
				return more;
			}
			return (first != null) ? List.of(first) : List.of();
		}

	}

}
