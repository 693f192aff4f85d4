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

package io.tracestarter.sampling;

import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tracestarter.autoconfigure.TraceProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The engine-neutral part of log sampling: rules, buffers, state and meters, imported by
 * the configuration of the logging engine the application runs on.
 */
@Configuration(proxyBeanMethods = false)
class SampledRequestsConfiguration {

	static final String LINES = "trace.sampling.lines";

	static final String REQUESTS = "trace.sampling.requests";

	@Bean
	SamplingCounters traceSamplingCounters() {
		return new SamplingCounters();
	}

	@Bean
	SampledRequests traceSampledRequests(TraceProperties properties, SamplingCounters counters) {
		TraceProperties.Sampling sampling = properties.getSampling();
		return new SampledRequests(SamplingRules.of(sampling, counters),
				SampledRequests.Limits.of(sampling.getBuffer()), counters, System::nanoTime);
	}

	@Bean
	SamplingState traceSamplingState(SampledRequests requests, SamplingCounters counters) {
		return new SamplingState(requests, counters);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.cloud.context.environment.EnvironmentChangeEvent")
	static class RefreshConfiguration {

		@Bean
		SamplingRulesRefresher traceSamplingRulesRefresher(Environment environment, SampledRequests requests,
				SamplingCounters counters) {
			return new SamplingRulesRefresher(environment, requests, counters);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		MeterBinder traceSamplingMeterBinder(SampledRequests requests, SamplingCounters counters) {
			return (registry) -> {
				counters.forEachRule((lines) -> {
					line(registry, lines, "kept", SamplingCounters.Lines::kept);
					line(registry, lines, "dropped", SamplingCounters.Lines::dropped);
					line(registry, lines, "flushed", SamplingCounters.Lines::flushed);
					line(registry, lines, "overflowed", SamplingCounters.Lines::overflowed);
				});
				request(registry, counters, "buffered", SamplingCounters::requestsBuffered);
				request(registry, counters, "flushed", SamplingCounters::requestsFlushed);
				request(registry, counters, "expired", SamplingCounters::requestsExpired);
				request(registry, counters, "unbuffered", SamplingCounters::requestsUnbuffered);
				Gauge.builder("trace.sampling.buffer.requests", requests, SampledRequests::size)
					.description("Requests whose lines are held back now")
					.register(registry);
				Gauge.builder("trace.sampling.buffer.bytes", requests, SampledRequests::totalBytes)
					.description("Estimated bytes of the lines held back now")
					.baseUnit("bytes")
					.register(registry);
			};
		}

		private static void line(MeterRegistry registry, SamplingCounters.Lines lines, String outcome,
				ToDoubleFunction<SamplingCounters.Lines> count) {
			FunctionCounter.builder(LINES, lines, count)
				.description("Log lines by sampling rule and outcome")
				.tag("rule", lines.rule())
				.tag("outcome", outcome)
				.register(registry);
		}

		private static void request(MeterRegistry registry, SamplingCounters counters, String outcome,
				ToDoubleFunction<SamplingCounters> count) {
			FunctionCounter.builder(REQUESTS, counters, count)
				.description("Sampled-out requests by outcome")
				.tag("outcome", outcome)
				.register(registry);
		}

	}

}
