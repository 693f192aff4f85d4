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

package io.tracestarter.actuate;

import java.util.ArrayList;
import java.util.List;

import io.tracestarter.actuate.TraceContextEndpoint.LayerState;

import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Works out which layers are on, and for those that are off whether a setting or a
 * missing library turned them off.
 */
final class LayerStates {

	private LayerStates() {
	}

	static List<LayerState> of(Environment environment, ClassLoader classLoader) {
		List<LayerState> states = new ArrayList<>();
		states.add(state(environment, classLoader, "http", "org.springframework.web.server.WebFilter",
				"jakarta.servlet.Filter"));
		states.add("limited".equalsIgnoreCase(environment.getProperty("spring.reactor.context-propagation", "").trim())
				? new LayerState("reactor", "off (spring.reactor.context-propagation=limited)")
				: state(environment, classLoader, "reactor", "reactor.core.publisher.Hooks"));
		states.add(state(environment, classLoader, "async", "org.springframework.core.task.TaskDecorator"));
		states.add(state(environment, classLoader, "grpc", "org.springframework.grpc.server.GlobalServerInterceptor",
				"net.devh.boot.grpc.server.interceptor.GrpcGlobalServerInterceptor"));
		states.add(state(environment, classLoader, "kafka", "org.springframework.kafka.core.KafkaTemplate"));
		states.add(state(environment, classLoader, "logging", "ch.qos.logback.classic.LoggerContext"));
		states.add(state(environment, classLoader, "k8s", "ch.qos.logback.classic.LoggerContext"));
		states.add(environment.getProperty("trace.sampling.enabled", Boolean.class, false)
				? state(environment, classLoader, "sampling", "ch.qos.logback.classic.LoggerContext")
				: new LayerState("sampling", "off (trace.sampling.enabled=false, the default)"));
		return states;
	}

	/**
	 * A layer is on when its switch is on and at least one of its libraries is present.
	 */
	private static LayerState state(Environment environment, ClassLoader classLoader, String layer,
			String... anyOfClasses) {
		String property = "trace." + layer + ".enabled";
		if (!environment.getProperty(property, Boolean.class, true)) {
			return new LayerState(layer, "off (" + property + "=false)");
		}
		for (String className : anyOfClasses) {
			if (ClassUtils.isPresent(className, classLoader)) {
				return new LayerState(layer, "on");
			}
		}
		return new LayerState(layer, "off (library absent)");
	}

}
