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

package io.tracestarter.logging;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Keeps the environment variable {@code TRACE_ID} (the fallback id an init container
 * leaves, see {@link FallbackTraceId}) out of the binding of {@code trace.*}: Boot's
 * relaxed binding reads {@code TRACE_ID} as the property {@code trace.id}, which is a
 * group of settings, and the application would fail to start. The variable moves to a
 * property source of its own, where it is read by its name and bound to nothing.
 *
 * @since 0.1.0
 */
public class TraceIdEnvironmentVariablePostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String VARIABLE = "TRACE_ID";

	static final String PROPERTY_SOURCE_NAME = "traceStarterFallbackTraceId";

	@Override
	public int getOrder() {
		// After Boot's own handling of the system environment, long before binding.
		return Ordered.HIGHEST_PRECEDENCE + 100;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		MutablePropertySources sources = environment.getPropertySources();
		String name = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
		PropertySource<?> source = sources.get(name);
		if (!(source instanceof SystemEnvironmentPropertySource environmentVariables)
				|| !environmentVariables.getSource().containsKey(VARIABLE)) {
			return;
		}
		Map<String, Object> others = new LinkedHashMap<>(environmentVariables.getSource());
		Object value = others.remove(VARIABLE);
		sources.replace(name, new SystemEnvironmentPropertySource(name, others));
		sources.addAfter(name, new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of(VARIABLE, value)));
	}

}
