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

import io.tracestarter.autoconfigure.TraceAutoConfiguration;
import io.tracestarter.core.HopEvent;
import io.tracestarter.core.Layer;
import io.tracestarter.core.RecentTraceHops;
import io.tracestarter.logging.LoggingTraceAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class TraceContextEndpointAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TraceAutoConfiguration.class, LoggingTraceAutoConfiguration.class,
				TraceContextEndpointAutoConfiguration.class, EndpointAutoConfiguration.class));

	@Test
	void notAvailableUnlessExposedLikeBootsOwnEndpoints() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(TraceContextEndpoint.class)
			.doesNotHaveBean(RecentTraceHops.class));
	}

	@Test
	void availableWhenExposed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=tracecontext")
			.run((context) -> assertThat(context).hasSingleBean(TraceContextEndpoint.class)
				.hasSingleBean(RecentTraceHops.class));
	}

	@Test
	void boundsAreBound() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=tracecontext", "trace.actuator.recent-ids=5",
					"trace.actuator.max-hops-per-id=2")
			.run((context) -> {
				RecentTraceHops hops = context.getBean(RecentTraceHops.class);
				for (int i = 0; i < 50; i++) {
					hops.record("id-" + i, Layer.HTTP, HopEvent.IN);
				}
				assertThat(hops.size()).isEqualTo(5);
			});
	}

	@Test
	void badBoundFailsStartupNamingTheKey() {
		this.contextRunner.withPropertyValues("trace.actuator.recent-ids=0")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("trace.actuator.recent-ids"));
	}

	@Test
	void turnedOffByTraceEnabled() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=tracecontext", "trace.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TraceContextEndpoint.class));
	}

	@Test
	void absentWithoutActuator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.withPropertyValues("management.endpoints.web.exposure.include=tracecontext")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TraceContextEndpoint.class));
	}

}
