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

package io.tracestarter.async;

import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

import org.aopalliance.intercept.MethodInterceptor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.TaskExecutor;
import org.springframework.core.task.support.CompositeTaskDecorator;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Reaches the executors Boot's builders did not make: executor and scheduler beans the
 * user declared. Spring's own executors get the {@link TraceTaskDecorator} composed with
 * the decorator they already have; a bean declared as a plain {@link Executor},
 * {@link ExecutorService}, {@link ScheduledExecutorService} or {@link TaskExecutor} is
 * wrapped in an interface proxy that decorates every task passed in. A bean declared as a
 * concrete class of some other kind is left alone: a proxy could not stand in for it.
 */
final class TraceExecutorBeanPostProcessor implements BeanPostProcessor, BeanFactoryAware {

	static final String TASK_DECORATOR_FIELD = "taskDecorator";

	private static final Log logger = LogFactory.getLog(TraceExecutorBeanPostProcessor.class);

	/** Declared bean types the proxy can stand in for. */
	private static final Set<Class<?>> PROXYABLE_TYPES = Set.of(Executor.class, ExecutorService.class,
			ScheduledExecutorService.class, TaskExecutor.class, AsyncTaskExecutor.class);

	private final ObjectProvider<TraceTaskDecorator> decorator;

	private @Nullable ConfigurableListableBeanFactory beanFactory;

	TraceExecutorBeanPostProcessor(ObjectProvider<TraceTaskDecorator> decorator) {
		this.decorator = decorator;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		if (beanFactory instanceof ConfigurableListableBeanFactory listable) {
			this.beanFactory = listable;
		}
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) throws BeansException {
		// Before initialization: ThreadPoolTaskExecutor applies its decorator when
		// afterPropertiesSet creates the pool.
		if (bean instanceof ThreadPoolTaskExecutor || bean instanceof ThreadPoolTaskScheduler
				|| bean instanceof SimpleAsyncTaskExecutor) {
			addDecorator(bean);
		}
		return bean;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		if (bean instanceof SimpleAsyncTaskScheduler scheduler && !AopUtils.isAopProxy(bean)) {
			return captureAtScheduleTime(scheduler);
		}
		if (!(bean instanceof Executor) || bean instanceof ThreadPoolTaskExecutor
				|| bean instanceof ThreadPoolTaskScheduler || bean instanceof SimpleAsyncTaskExecutor
				|| Proxy.isProxyClass(bean.getClass())) {
			return bean;
		}
		Class<?> declaredType = declaredType(beanName);
		if (declaredType == null || !PROXYABLE_TYPES.contains(declaredType)) {
			return bean;
		}
		Class<?>[] interfaces = ClassUtils.getAllInterfacesForClass(bean.getClass(), bean.getClass().getClassLoader());
		return Proxy.newProxyInstance(bean.getClass().getClassLoader(), interfaces,
				new TaskDecoratingInvocationHandler(bean, this.decorator.getObject()));
	}

	/**
	 * {@code SimpleAsyncTaskScheduler} (Boot's scheduler with virtual threads) applies
	 * task decorators when a task fires, on its timer thread, so a decorator cannot see
	 * who scheduled the task. A class proxy decorates the task when it is scheduled, on
	 * the caller's thread; the scheduler's own decorators still run when it fires.
	 */
	private Object captureAtScheduleTime(SimpleAsyncTaskScheduler scheduler) {
		TraceTaskDecorator decorator = this.decorator.getObject();
		ProxyFactory proxyFactory = new ProxyFactory(scheduler);
		proxyFactory.setProxyTargetClass(true);
		proxyFactory.addAdvice((MethodInterceptor) (invocation) -> {
			Object[] arguments = invocation.getArguments();
			if (invocation.getMethod().getName().startsWith("schedule") && arguments.length > 0
					&& arguments[0] instanceof Runnable task) {
				arguments[0] = decorator.decorate(task);
			}
			return invocation.proceed();
		});
		return proxyFactory.getProxy(scheduler.getClass().getClassLoader());
	}

	private void addDecorator(Object executor) {
		Field field = taskDecoratorField(executor.getClass());
		TaskDecorator existing = null;
		if (field != null) {
			ReflectionUtils.makeAccessible(field);
			existing = (TaskDecorator) ReflectionUtils.getField(field, executor);
		}
		else {
			logger.warn(executor.getClass().getName() + " has no field " + TASK_DECORATOR_FIELD
					+ " any more: a task decorator set on it before the starter's is replaced");
		}
		TraceTaskDecorator trace = this.decorator.getObject();
		TaskDecorator combined = (existing != null) ? new CompositeTaskDecorator(List.of(existing, trace)) : trace;
		if (executor instanceof ThreadPoolTaskExecutor threadPool) {
			threadPool.setTaskDecorator(combined);
		}
		else if (executor instanceof ThreadPoolTaskScheduler scheduler) {
			scheduler.setTaskDecorator(combined);
		}
		else if (executor instanceof SimpleAsyncTaskExecutor simple) {
			simple.setTaskDecorator(combined);
		}
	}

	/**
	 * The field that holds a Spring executor's task decorator. Spring's executors have a
	 * setter but no getter (Spring Framework 7.0); reading the field keeps a decorator
	 * the user set running beside ours. A public getter upstream would remove this read;
	 * a test fails when the field goes.
	 * @param executorType the executor's class
	 * @return the field, or {@code null} when it is gone
	 */
	static @Nullable Field taskDecoratorField(Class<?> executorType) {
		return ReflectionUtils.findField(executorType, TASK_DECORATOR_FIELD, TaskDecorator.class);
	}

	private @Nullable Class<?> declaredType(String beanName) {
		if (this.beanFactory == null || !this.beanFactory.containsBeanDefinition(beanName)) {
			return null;
		}
		BeanDefinition definition = this.beanFactory.getMergedBeanDefinition(beanName);
		return definition.getResolvableType().resolve();
	}

}
