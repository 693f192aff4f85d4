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

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.kafka.config.AbstractKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.CompositeBatchInterceptor;
import org.springframework.kafka.listener.CompositeRecordInterceptor;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Puts the Kafka layer into the beans Boot and the application made, next to what is
 * already there: the record interceptor of every listener container factory (composed
 * with the user's; Boot itself takes only a unique {@code RecordInterceptor} bean, so the
 * starter does not declare one), the batch interceptor that marks a batch listener's
 * consumer thread ({@link ListenerThreadMark}, composed the same way), the producer
 * interceptor and send futures of every {@code KafkaTemplate}, and the batch lists of
 * {@code @KafkaListener} methods. Runs before spring-kafka's own annotation processor, so
 * listener endpoints are registered on the proxy.
 */
final class KafkaTraceBeanPostProcessor implements BeanPostProcessor, Ordered {

	private final ObjectProvider<KafkaTraceComponents> components;

	KafkaTraceBeanPostProcessor(ObjectProvider<KafkaTraceComponents> components) {
		this.components = components;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		if (bean instanceof KafkaTraceComponents) {
			return bean;
		}
		if (bean instanceof AbstractKafkaListenerContainerFactory factory) {
			RecordInterceptor<Object, Object> existing = factory.getRecordInterceptor();
			RecordInterceptor<Object, Object> ours = this.components.getObject().recordInterceptor();
			if (existing != ours) {
				factory
					.setRecordInterceptor((existing != null) ? new CompositeRecordInterceptor<>(ours, existing) : ours);
			}
			BatchInterceptor<Object, Object> existingBatch = factory.getBatchInterceptor();
			if (existingBatch != ListenerThreadMark.INSTANCE) {
				factory.setBatchInterceptor((existingBatch != null)
						? new CompositeBatchInterceptor<>(ListenerThreadMark.INSTANCE, existingBatch)
						: ListenerThreadMark.INSTANCE);
			}
			return bean;
		}
		if (bean instanceof KafkaTemplate<?, ?> template && !AopUtils.isAopProxy(bean)) {
			KafkaTemplateTracing.addProducerInterceptor((KafkaTemplate) template,
					this.components.getObject().producerInterceptor());
			return KafkaTemplateTracing.relaySendFutures(template);
		}
		if (BatchListenerProxies.hasBatchListenerMethod(AopUtils.getTargetClass(bean))) {
			return BatchListenerProxies.traceBatches(bean, this.components.getObject().batchInterceptor());
		}
		return bean;
	}

}
