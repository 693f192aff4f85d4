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

import java.lang.reflect.Method;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecords;

import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.util.ReflectionUtils;

/**
 * Proxies beans with batch {@code @KafkaListener} methods, so each record of the batch is
 * handled under its own id inside the listener's loop.
 */
final class BatchListenerProxies {

	private BatchListenerProxies() {
	}

	static Object traceBatches(Object bean, BatchListenerTracingInterceptor interceptor) {
		if (bean instanceof Advised advised) {
			advised.addAdvice(0, interceptor);
			return bean;
		}
		ProxyFactory proxyFactory = new ProxyFactory(bean);
		proxyFactory.setProxyTargetClass(true);
		proxyFactory.addAdvice(interceptor);
		return proxyFactory.getProxy(bean.getClass().getClassLoader());
	}

	static boolean hasBatchListenerMethod(Class<?> type) {
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
