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

import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tracestarter.core.TraceMetrics;

/**
 * Publishes the starter's counters to the application's meter registry, including the
 * counters that first move after binding.
 */
final class TraceMetricsMeterBinder implements MeterBinder {

	private final TraceMetrics metrics;

	TraceMetricsMeterBinder(TraceMetrics metrics) {
		this.metrics = metrics;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.metrics.onEachCounter((counter, adder) -> {
			FunctionCounter.Builder<LongAdder> builder = FunctionCounter
				.builder(TraceMetrics.NAME, adder, LongAdder::sum)
				.description("Trace ids by layer and outcome (extracted, generated, rejected, propagated)")
				.tag("layer", counter.layer())
				.tag("outcome", counter.outcome());
			if (counter.tagKey() != null && counter.tagValue() != null) {
				builder.tag(counter.tagKey(), counter.tagValue());
			}
			builder.register(registry);
		});
	}

}
