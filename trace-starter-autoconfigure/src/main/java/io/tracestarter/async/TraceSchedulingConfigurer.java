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
