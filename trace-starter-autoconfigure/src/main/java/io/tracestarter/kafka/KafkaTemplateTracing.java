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
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceScope;
import io.tracestarter.core.W3cTraceContext;
import org.aopalliance.intercept.MethodInterceptor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.CompositeProducerInterceptor;
import org.springframework.util.ReflectionUtils;

/**
 * What the Kafka layer does to a {@code KafkaTemplate}: its producer interceptor,
 * composed with the user's, and send futures completed under the sender's id.
 */
final class KafkaTemplateTracing {

	static final String PRODUCER_INTERCEPTOR_FIELD = "producerInterceptor";

	private static final Log logger = LogFactory.getLog(KafkaTemplateTracing.class);

	private KafkaTemplateTracing() {
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	static void addProducerInterceptor(KafkaTemplate<Object, Object> template,
			ProducerInterceptor<Object, Object> ours) {
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
	static Object relaySendFutures(KafkaTemplate<?, ?> template) {
		ProxyFactory proxyFactory = new ProxyFactory(template);
		proxyFactory.setProxyTargetClass(true);
		proxyFactory.addAdvice((MethodInterceptor) (invocation) -> {
			Object result = invocation.proceed();
			String traceId = TraceContext.currentTraceId();
			if (traceId == null || !invocation.getMethod().getName().equals("send")
					|| !(result instanceof CompletableFuture<?> sent)) {
				return result;
			}
			RelayedSend<Object> relayed = new RelayedSend<>(sent);
			sent.whenComplete(relayed.completeUnder(traceId, W3cTraceContext.current()));
			return relayed;
		});
		return proxyFactory.getProxy(template.getClass().getClassLoader());
	}

	/**
	 * The future handed to the sender: completed under the sender's id when the real send
	 * completes, and cancelling it cancels the real send's future too.
	 *
	 * @param <T> the send result
	 */
	static final class RelayedSend<T> extends CompletableFuture<T> {

		private final CompletableFuture<?> sent;

		RelayedSend(CompletableFuture<?> sent) {
			this.sent = sent;
		}

		@SuppressWarnings("unchecked")
		BiConsumer<Object, @Nullable Throwable> completeUnder(String traceId) {
			return completeUnder(traceId, null);
		}

		@SuppressWarnings("unchecked")
		BiConsumer<Object, @Nullable Throwable> completeUnder(String traceId, @Nullable W3cTraceContext w3c) {
			return (value, failure) -> {
				try (TraceScope scope = TraceScope.open(traceId, w3c)) {
					if (failure != null) {
						completeExceptionally(failure);
					}
					else {
						complete((T) value);
					}
				}
			};
		}

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			boolean cancelled = super.cancel(mayInterruptIfRunning);
			this.sent.cancel(mayInterruptIfRunning);
			return cancelled;
		}

	}

}
