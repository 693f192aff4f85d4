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

import io.tracestarter.autoconfigure.TraceAutoConfiguration;
import io.tracestarter.autoconfigure.TraceProperties;
import io.tracestarter.core.RequestSampling;
import io.tracestarter.core.TraceHopRecorder;
import io.tracestarter.core.TraceIdResolver;
import io.tracestarter.core.TraceMetrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Kafka: the id travels in the {@code X-Trace-ID} record header, record listeners run
 * under their record's id, batch listeners switch to each record's id inside their own
 * loop, and send callbacks run under the sender's id. A listener's consumer thread is
 * outside traced work between records, so the Kafka client's own lines there are not
 * break points.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = TraceAutoConfiguration.class,
		beforeName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnBooleanProperty(name = { "trace.enabled", "trace.kafka.enabled" }, matchIfMissing = true)
@ConditionalOnClass({ KafkaTemplate.class, RecordInterceptor.class })
public final class KafkaTraceAutoConfiguration {

	@Bean
	KafkaTraceComponents kafkaTraceComponents(TraceIdResolver resolver, TraceProperties properties,
			TraceMetrics metrics, ObjectProvider<TraceHopRecorder> hops, ObjectProvider<RequestSampling> sampling) {
		TraceHopRecorder recorder = hops.getIfAvailable(TraceHopRecorder::none);
		RequestSampling requestSampling = sampling.getIfAvailable(RequestSampling::none);
		KafkaTraceIds ids = new KafkaTraceIds(resolver, recorder, requestSampling);
		return new KafkaTraceComponents(new TraceRecordInterceptor(ids),
				new TraceProducerInterceptor(properties.getKafka().getHeaderName(), metrics, recorder, requestSampling),
				new BatchListenerTracingInterceptor(ids));
	}

	@Bean
	ListenerThreadMark.Release kafkaTraceListenerThreadMarkRelease() {
		return new ListenerThreadMark.Release();
	}

	@Bean
	static KafkaTraceBeanPostProcessor kafkaTraceBeanPostProcessor(ObjectProvider<KafkaTraceComponents> components) {
		return new KafkaTraceBeanPostProcessor(components);
	}

}
