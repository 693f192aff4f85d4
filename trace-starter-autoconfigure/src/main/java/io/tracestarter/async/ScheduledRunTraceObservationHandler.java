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

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.tracestarter.core.HopEvent;
import io.tracestarter.core.Layer;
import io.tracestarter.core.TraceHopRecorder;
import io.tracestarter.core.TraceIdResolver;
import io.tracestarter.core.TraceScope;
import io.tracestarter.core.W3cParticipation;

import org.springframework.scheduling.support.ScheduledTaskObservationContext;

/**
 * Gives each {@code @Scheduled} run a fresh trace id, so one run's lines group together
 * and never carry a request's id. Spring observes every run of a scheduled method; this
 * handler opens the id when the run's scope opens (after the tracing handler made the
 * run's span current, so the id is the span's) and closes it with the scope.
 */
final class ScheduledRunTraceObservationHandler implements ObservationHandler<ScheduledTaskObservationContext> {

	private final TraceIdResolver resolver;

	private final TraceHopRecorder hops;

	ScheduledRunTraceObservationHandler(TraceIdResolver resolver, TraceHopRecorder hops) {
		this.resolver = resolver;
		this.hops = hops;
	}

	@Override
	public void onScopeOpened(ScheduledTaskObservationContext context) {
		String traceId = this.resolver.generate(Layer.ASYNC).traceId();
		context.put(TraceScope.class, TraceScope.open(traceId, W3cParticipation.started(traceId)));
		this.hops.record(traceId, Layer.ASYNC, HopEvent.IN);
	}

	@Override
	public void onScopeClosed(ScheduledTaskObservationContext context) {
		if (context.remove(TraceScope.class) instanceof TraceScope scope) {
			scope.close();
		}
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof ScheduledTaskObservationContext;
	}

}
