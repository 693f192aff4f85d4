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

package io.tracestarter.autoconfigure;

import io.tracestarter.core.W3cParticipation;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.util.ClassUtils;

/**
 * Turns the starter's W3C Trace Context participation on when {@code trace.w3c.enabled}
 * and the application has no Micrometer {@code Tracer} bean (checked once every singleton
 * exists, so a tracer from any configuration counts), and off when the context closes.
 */
final class W3cParticipationSwitch implements SmartInitializingSingleton, DisposableBean, BeanClassLoaderAware {

	private static final String TRACER_CLASS = "io.micrometer.tracing.Tracer";

	private final TraceProperties.W3c properties;

	private final ListableBeanFactory beans;

	private @Nullable ClassLoader classLoader;

	private boolean on;

	W3cParticipationSwitch(TraceProperties.W3c properties, ListableBeanFactory beans) {
		this.properties = properties;
		this.beans = beans;
	}

	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.on = this.properties.isEnabled() && !hasTracer();
		W3cParticipation.use(this.on, this.properties.isSampled());
	}

	// By name: the class is optional, and no Tracer class must be loaded without it.
	private boolean hasTracer() {
		ClassLoader classLoader = this.classLoader;
		if (!ClassUtils.isPresent(TRACER_CLASS, classLoader)) {
			return false;
		}
		Class<?> tracer = ClassUtils.resolveClassName(TRACER_CLASS, classLoader);
		Object noop = noopTracer(tracer);
		for (String name : this.beans.getBeanNamesForType(tracer, true, false)) {
			// Boot's Tracer.NOOP (Micrometer Tracing without a bridge) sends nothing.
			if (this.beans.getBean(name) != noop) {
				return true;
			}
		}
		return false;
	}

	private static @Nullable Object noopTracer(Class<?> tracer) {
		try {
			return tracer.getField("NOOP").get(null);
		}
		catch (ReflectiveOperationException ex) {
			return null;
		}
	}

	@Override
	public void destroy() {
		if (this.on) {
			W3cParticipation.use(false, true);
		}
	}

}
