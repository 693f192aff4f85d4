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
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceScope;
import org.aopalliance.intercept.MethodInterceptor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.AbstractKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CompositeRecordInterceptor;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.kafka.support.CompositeProducerInterceptor;
import org.springframework.util.ReflectionUtils;

/**
 * Puts the Kafka layer into the beans Boot and the application made, next to what is
 * already there: the record interceptor of every listener container factory (composed
 * with the user's; Boot itself takes only a unique {@code RecordInterceptor} bean, so the
 * starter does not declare one), the producer interceptor and send futures of every
 * {@code KafkaTemplate}, and the batch lists of {@code @KafkaListener} methods. Runs
 * before spring-kafka's own annotation processor, so listener endpoints are registered on
 * the proxy.
 */
final class KafkaTraceBeanPostProcessor implements BeanPostProcessor, Ordered {

	static final String PRODUCER_INTERCEPTOR_FIELD = "producerInterceptor";

	private static final Log logger = LogFactory.getLog(KafkaTraceBeanPostProcessor.class);

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
			return bean;
		}
		if (bean instanceof KafkaTemplate<?, ?> template && !AopUtils.isAopProxy(bean)) {
			addProducerInterceptor((KafkaTemplate) template);
			return relaySendFutures(template);
		}
		if (hasBatchListenerMethod(AopUtils.getTargetClass(bean))) {
			return traceBatches(bean);
		}
		return bean;
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private void addProducerInterceptor(KafkaTemplate<Object, Object> template) {
		Field field = producerInterceptorField();
		ProducerInterceptor<Object, Object> existing = null;
		if (field != null) {
			ReflectionUtils.makeAccessible(field);
			existing = (ProducerInterceptor<Object, Object>) ReflectionUtils.getField(field, template);
		}
		else {
			logger.warn("KafkaTemplate has no field " + PRODUCER_INTERCEPTOR_FIELD
					+ " any more: a producer interceptor set on a template before the starter's is replaced");
		}
		ProducerInterceptor<Object, Object> ours = this.components.getObject().producerInterceptor();
		template.setProducerInterceptor((existing != null) ? new CompositeProducerInterceptor(ours, existing) : ours);
	}

	/**
	 * The field that holds a template's producer interceptor. KafkaTemplate has a setter
	 * but no getter (spring-kafka 4.1); reading the field keeps an interceptor the user
	 * set running beside ours. A public getter upstream would remove this read; a test
	 * fails when the field goes.
	 * @return the field, or {@code null} when it is gone
	 */
	static @Nullable Field producerInterceptorField() {
		return ReflectionUtils.findField(KafkaTemplate.class, PRODUCER_INTERCEPTOR_FIELD, ProducerInterceptor.class);
	}

	/**
	 * A send completes on the producer's network thread; callbacks chained on the future
	 * would run there without the sender's id. The proxy hands out a future completed
	 * under the sender's id instead, so those callbacks carry it.
	 */
	private Object relaySendFutures(KafkaTemplate<?, ?> template) {
		ProxyFactory proxyFactory = new ProxyFactory(template);
		proxyFactory.setProxyTargetClass(true);
		proxyFactory.addAdvice((MethodInterceptor) (invocation) -> {
			Object result = invocation.proceed();
			String traceId = TraceContext.currentTraceId();
			if (traceId == null || !invocation.getMethod().getName().equals("send")
					|| !(result instanceof CompletableFuture<?> sent)) {
				return result;
			}
			CompletableFuture<Object> relayed = new CompletableFuture<>();
			sent.whenComplete((value, failure) -> {
				try (TraceScope scope = TraceScope.open(traceId)) {
					if (failure != null) {
						relayed.completeExceptionally(failure);
					}
					else {
						relayed.complete(value);
					}
				}
			});
			return relayed;
		});
		return proxyFactory.getProxy(template.getClass().getClassLoader());
	}

	private Object traceBatches(Object bean) {
		BatchListenerTracingInterceptor interceptor = this.components.getObject().batchInterceptor();
		if (bean instanceof Advised advised) {
			advised.addAdvice(0, interceptor);
			return bean;
		}
		ProxyFactory proxyFactory = new ProxyFactory(bean);
		proxyFactory.setProxyTargetClass(true);
		proxyFactory.addAdvice(interceptor);
		return proxyFactory.getProxy(bean.getClass().getClassLoader());
	}

	private static boolean hasBatchListenerMethod(Class<?> type) {
		if (java.lang.reflect.Modifier.isFinal(type.getModifiers())) {
			return false;
		}
		for (Method method : ReflectionUtils.getUniqueDeclaredMethods(type, ReflectionUtils.USER_DECLARED_METHODS)) {
			if (AnnotatedElementUtils.hasAnnotation(method, KafkaListener.class)) {
				for (Class<?> parameter : method.getParameterTypes()) {
					if (List.class.isAssignableFrom(parameter) || ConsumerRecords.class.isAssignableFrom(parameter)) {
						return true;
					}
				}
			}
		}
		return false;
	}

}
