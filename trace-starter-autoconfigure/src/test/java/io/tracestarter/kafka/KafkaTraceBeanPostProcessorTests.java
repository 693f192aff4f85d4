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

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.tracestarter.core.InboundSource;
import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceHopRecorder;
import io.tracestarter.core.TraceIdGenerator;
import io.tracestarter.core.TraceIdResolver;
import io.tracestarter.core.TraceIdValidator;
import io.tracestarter.core.TraceMetrics;
import io.tracestarter.core.TraceScope;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.CompositeBatchInterceptor;
import org.springframework.kafka.support.CompositeProducerInterceptor;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kafka post-processor on a template with and without an interceptor of the user's.
 * It reads a private field of {@code KafkaTemplate}: the first test fails as soon as a
 * spring-kafka upgrade removes or renames it.
 */
class KafkaTraceBeanPostProcessorTests {

	@Test
	void theFieldItReadsStillExists() {
		Field field = KafkaTemplateTracing.producerInterceptorField();
		assertThat(field).as("KafkaTemplate.%s", KafkaTemplateTracing.PRODUCER_INTERCEPTOR_FIELD).isNotNull();
		assertThat(field.getType()).isEqualTo(ProducerInterceptor.class);
	}

	@Test
	void anInterceptorTheUserSetKeepsRunningBesideOurs() {
		KafkaTemplate<Object, Object> template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of()));
		CountingInterceptor users = new CountingInterceptor();
		template.setProducerInterceptor(users);
		Object processed = postProcessor().postProcessAfterInitialization(template, "kafkaTemplate");
		assertThat(AopUtils.isAopProxy(processed)).isTrue();
		@SuppressWarnings("unchecked")
		ProducerInterceptor<Object, Object> interceptor = (ProducerInterceptor<Object, Object>) ReflectionTestUtils
			.getField(template, KafkaTemplateTracing.PRODUCER_INTERCEPTOR_FIELD);
		assertThat(interceptor).isInstanceOf(CompositeProducerInterceptor.class);
		ProducerRecord<Object, Object> sent;
		try (TraceScope scope = TraceContext.open("sender-1")) {
			sent = interceptor.onSend(new ProducerRecord<>("topic", "value"));
		}
		assertThat(users.sent).isEqualTo(1);
		assertThat(new String(sent.headers().lastHeader("X-Trace-ID").value(), StandardCharsets.UTF_8))
			.isEqualTo("sender-1");
	}

	@Test
	void withoutAnInterceptorOfTheUsersOnlyOursIsSet() {
		KafkaTemplate<Object, Object> template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of()));
		postProcessor().postProcessAfterInitialization(template, "kafkaTemplate");
		assertThat(ReflectionTestUtils.getField(template, KafkaTemplateTracing.PRODUCER_INTERCEPTOR_FIELD))
			.isInstanceOf(TraceProducerInterceptor.class);
	}

	@Test
	void aListenerContainerFactoryGetsTheThreadMarkBesideTheUsersBatchInterceptor() {
		ConcurrentKafkaListenerContainerFactory<Object, Object> plain = new ConcurrentKafkaListenerContainerFactory<>();
		KafkaTraceBeanPostProcessor postProcessor = postProcessor();
		postProcessor.postProcessAfterInitialization(plain, "plainFactory");
		assertThat(plain.getBatchInterceptor()).isSameAs(ListenerThreadMark.INSTANCE);
		assertThat(plain.getRecordInterceptor()).isInstanceOf(TraceRecordInterceptor.class);
		postProcessor.postProcessAfterInitialization(plain, "plainFactory");
		assertThat(plain.getBatchInterceptor()).as("set once").isSameAs(ListenerThreadMark.INSTANCE);
		ConcurrentKafkaListenerContainerFactory<Object, Object> withUsers = new ConcurrentKafkaListenerContainerFactory<>();
		BatchInterceptor<Object, Object> users = (records, consumer) -> records;
		withUsers.setBatchInterceptor(users);
		postProcessor.postProcessAfterInitialization(withUsers, "usersFactory");
		assertThat(withUsers.getBatchInterceptor()).isInstanceOf(CompositeBatchInterceptor.class);
		ConsumerRecords<Object, Object> records = ConsumerRecords.empty();
		assertThat(withUsers.getBatchInterceptor().intercept(records, null)).isSameAs(records);
	}

	private static KafkaTraceBeanPostProcessor postProcessor() {
		TraceMetrics metrics = new TraceMetrics();
		TraceIdResolver resolver = new TraceIdResolver(List.of(InboundSource.of("header:X-Trace-ID")),
				new TraceIdValidator(128), TraceIdGenerator.random(), metrics);
		KafkaTraceIds ids = new KafkaTraceIds(resolver);
		KafkaTraceComponents components = new KafkaTraceComponents(new TraceRecordInterceptor(ids),
				new TraceProducerInterceptor("X-Trace-ID", metrics, TraceHopRecorder.none()),
				new BatchListenerTracingInterceptor(ids));
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerSingleton("kafkaTraceComponents", components);
		return new KafkaTraceBeanPostProcessor(beanFactory.getBeanProvider(KafkaTraceComponents.class));
	}

	static final class CountingInterceptor implements ProducerInterceptor<Object, Object> {

		int sent;

		@Override
		public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
			this.sent++;
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
		}

	}

}
