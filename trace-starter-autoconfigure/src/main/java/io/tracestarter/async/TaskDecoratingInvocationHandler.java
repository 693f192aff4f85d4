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

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;

/**
 * Decorates every {@link Runnable} and {@link Callable} handed to an executor proxy,
 * including the collections of {@code invokeAll} and {@code invokeAny}.
 */
final class TaskDecoratingInvocationHandler implements InvocationHandler {

	private final Object target;

	private final TraceTaskDecorator decorator;

	TaskDecoratingInvocationHandler(Object target, TraceTaskDecorator decorator) {
		this.target = target;
		this.decorator = decorator;
	}

	@Override
	public @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args) throws Throwable {
		if (args != null) {
			for (int i = 0; i < args.length; i++) {
				args[i] = decorate(args[i]);
			}
		}
		try {
			return method.invoke(this.target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
	}

	private @Nullable Object decorate(@Nullable Object argument) {
		if (argument instanceof Runnable runnable) {
			return this.decorator.decorate(runnable);
		}
		if (argument instanceof Callable<?> callable) {
			return this.decorator.decorate(callable);
		}
		if (argument instanceof Collection<?> tasks && !tasks.isEmpty()
				&& tasks.stream().allMatch((task) -> task instanceof Callable)) {
			List<Callable<?>> decorated = new ArrayList<>(tasks.size());
			tasks.forEach((task) -> decorated.add(this.decorator.decorate((Callable<?>) task)));
			return decorated;
		}
		return argument;
	}

}
