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

import io.tracestarter.autoconfigure.TraceProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Applies changed {@code trace.sampling.rules} and {@code trace.sampling.buffer.*} when
 * Spring Cloud refreshes the environment. Requests already running keep the rules they
 * started with. Rules that do not bind or check are reported and the running ones kept.
 */
final class SamplingRulesRefresher implements ApplicationListener<EnvironmentChangeEvent> {

	private static final Logger logger = LoggerFactory.getLogger(SamplingRulesRefresher.class);

	private final Environment environment;

	private final SampledRequests requests;

	private final SamplingCounters counters;

	SamplingRulesRefresher(Environment environment, SampledRequests requests, SamplingCounters counters) {
		this.environment = environment;
		this.requests = requests;
		this.counters = counters;
	}

	@Override
	public void onApplicationEvent(EnvironmentChangeEvent event) {
		if (event.getKeys().stream().noneMatch((key) -> key.startsWith("trace.sampling."))) {
			return;
		}
		try {
			TraceProperties.Sampling sampling = Binder.get(this.environment)
				.bind("trace.sampling", TraceProperties.Sampling.class)
				.orElseGet(TraceProperties.Sampling::new);
			this.requests.update(SamplingRules.of(sampling, this.counters),
					SampledRequests.Limits.of(sampling.getBuffer()));
			logger.info("Log sampling rules changed: {} rules", sampling.getRules().size());
		}
		catch (RuntimeException ex) {
			logger.error("Log sampling rules not changed: {}", ex.getMessage());
		}
	}

}
