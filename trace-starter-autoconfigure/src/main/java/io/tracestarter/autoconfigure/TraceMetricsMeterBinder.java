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
