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

import io.micrometer.observation.ObservationRegistry;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Makes {@code @Scheduled} runs observable when the application has no observation
 * registry of its own (no actuator), using a private registry that holds only the
 * {@link ScheduledRunTraceObservationHandler}. When Boot configured a registry for
 * scheduled tasks, the handler is already in it and this does nothing.
 */
final class TraceSchedulingConfigurer implements SchedulingConfigurer {

	private final ScheduledRunTraceObservationHandler handler;

	TraceSchedulingConfigurer(ScheduledRunTraceObservationHandler handler) {
		this.handler = handler;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		ObservationRegistry existing = registrar.getObservationRegistry();
		if (existing == null || existing.isNoop()) {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(this.handler);
			registrar.setObservationRegistry(registry);
		}
	}

}
