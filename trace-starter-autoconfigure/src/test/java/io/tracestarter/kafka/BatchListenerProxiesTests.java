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

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.tracestarter.core.InboundSource;
import io.tracestarter.core.RequestSampling;
import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceHopRecorder;
import io.tracestarter.core.TraceIdGenerator;
import io.tracestarter.core.TraceIdResolver;
import io.tracestarter.core.TraceIdValidator;
import io.tracestarter.core.TraceMetrics;
import org.aopalliance.intercept.MethodInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.Message;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which beans get the batch interceptor (a class, its superclass or a meta-annotation
 * with a {@code @KafkaListener} method that takes a list or {@code ConsumerRecords}; not
 * a final class), and how: a plain bean becomes a class proxy, a bean that is already a
 * proxy gets the interceptor first among its advice.
 */
class BatchListenerProxiesTests {

	private final BatchListenerTracingInterceptor interceptor = new BatchListenerTracingInterceptor(
			new KafkaTraceIds(
					new TraceIdResolver(List.of(InboundSource.of("header:X-Trace-ID")), new TraceIdValidator(128),
							TraceIdGenerator.random(), new TraceMetrics()),
					TraceHopRecorder.none(), RequestSampling.none()));

	@Test
	void aListenerOfAListOfRecordsOrMessagesOrOfConsumerRecordsIsABatchListener() {
		assertThat(BatchListenerProxies.hasBatchListenerMethod(RecordBatchListener.class)).isTrue();
		assertThat(BatchListenerProxies.hasBatchListenerMethod(MessageBatchListener.class)).isTrue();
		assertThat(BatchListenerProxies.hasBatchListenerMethod(ConsumerRecordsListener.class)).isTrue();
	}

	@Test
	void aListenerOfOneRecordOrAListMethodThatIsNoListenerIsNot() {
		assertThat(BatchListenerProxies.hasBatchListenerMethod(SingleRecordListener.class)).isFalse();
		assertThat(BatchListenerProxies.hasBatchListenerMethod(NotAListener.class)).isFalse();
	}

	@Test
	void anInheritedOrMetaAnnotatedBatchListenerCounts() {
		assertThat(BatchListenerProxies.hasBatchListenerMethod(InheritedBatchListener.class)).isTrue();
		assertThat(BatchListenerProxies.hasBatchListenerMethod(MetaAnnotatedBatchListener.class)).isTrue();
	}

	@Test
	void aFinalClassIsNotProxiedEvenWithABatchListener() {
		assertThat(BatchListenerProxies.hasBatchListenerMethod(FinalBatchListener.class)).isFalse();
	}

	@Test
	void aPlainBeanBecomesAClassProxyWhoseBatchCarriesEachRecordsId() {
		RecordBatchListener bean = new RecordBatchListener();
		Object traced = BatchListenerProxies.traceBatches(bean, this.interceptor);
		assertThat(AopUtils.isCglibProxy(traced)).isTrue();
		assertThat(traced).isInstanceOf(RecordBatchListener.class);
		((RecordBatchListener) traced).listen(List.of(record(1, "batch-1"), record(2, "batch-2")));
		assertThat(bean.seen).containsExactly("batch-1", "batch-2", null);
		assertThat(TraceContext.currentTraceId()).isNull();
	}

	@Test
	void aBeanThatIsAlreadyAProxyGetsTheInterceptorFirst() {
		RecordBatchListener bean = new RecordBatchListener();
		List<String> order = new ArrayList<>();
		ProxyFactory factory = new ProxyFactory(bean);
		factory.setProxyTargetClass(true);
		factory.addAdvice((MethodInterceptor) (invocation) -> {
			order.add("existing sees " + ((List<?>) invocation.getArguments()[0]).getClass().getSimpleName());
			return invocation.proceed();
		});
		Object proxy = factory.getProxy();
		Object traced = BatchListenerProxies.traceBatches(proxy, this.interceptor);
		assertThat(traced).isSameAs(proxy);
		assertThat(((Advised) traced).getAdvisors()[0].getAdvice()).isSameAs(this.interceptor);
		assertThat(((Advised) traced).getAdvisors()).hasSize(2);
		((RecordBatchListener) traced).listen(List.of(record(3, "batch-3")));
		assertThat(order).containsExactly("existing sees TracedList");
		assertThat(bean.seen).containsExactly("batch-3", null);
	}

	private static ConsumerRecord<Object, Object> record(long offset, String traceId) {
		ConsumerRecord<Object, Object> record = new ConsumerRecord<>("orders", 0, offset, "key", "value");
		record.headers().add("X-Trace-ID", traceId.getBytes(StandardCharsets.UTF_8));
		return record;
	}

	static class RecordBatchListener {

		final List<@Nullable String> seen = new ArrayList<>();

		@KafkaListener(topics = "orders")
		void listen(List<ConsumerRecord<Object, Object>> records) {
			for (ConsumerRecord<Object, Object> record : records) {
				this.seen.add(TraceContext.currentTraceId());
			}
			this.seen.add(TraceContext.currentTraceId());
		}

	}

	static class MessageBatchListener {

		@KafkaListener(topics = "orders")
		void listen(String group, List<Message<?>> messages) {
		}

	}

	static class ConsumerRecordsListener {

		@KafkaListener(topics = "orders")
		void listen(ConsumerRecords<Object, Object> records) {
		}

	}

	static class SingleRecordListener {

		@KafkaListener(topics = "orders")
		void listen(ConsumerRecord<Object, Object> record) {
		}

	}

	static class NotAListener {

		void handle(List<ConsumerRecord<Object, Object>> records) {
		}

	}

	static class InheritedBatchListener extends RecordBatchListener {

	}

	static class MetaAnnotatedBatchListener {

		@OrdersBatchListener
		void listen(List<ConsumerRecord<Object, Object>> records) {
		}

	}

	static final class FinalBatchListener {

		@KafkaListener(topics = "orders")
		void listen(List<ConsumerRecord<Object, Object>> records) {
		}

	}

	@Target(ElementType.METHOD)
	@Retention(RetentionPolicy.RUNTIME)
	@KafkaListener(topics = "orders")
	@interface OrdersBatchListener {

	}

}
