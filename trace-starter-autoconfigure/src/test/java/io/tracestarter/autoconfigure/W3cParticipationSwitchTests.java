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

import java.util.List;

import io.micrometer.tracing.Tracer;
import io.tracestarter.core.W3cParticipation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the starter takes part in W3C Trace Context: without a tracer, unless turned off;
 * never beside a real tracer; off again when the context closes.
 */
class W3cParticipationSwitchTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TraceAutoConfiguration.class));

	@AfterEach
	void off() {
		W3cParticipation.use(false, true);
	}

	@Test
	void onWithoutATracerAndOffWhenTheContextCloses() {
		this.runner.withClassLoader(new FilteredClassLoader(Tracer.class))
			.run((context) -> assertThat(W3cParticipation.isEnabled()).isTrue());
		assertThat(W3cParticipation.isEnabled()).isFalse();
	}

	@Test
	void onBesideBootsNoopTracer() {
		this.runner.withBean(Tracer.class, () -> Tracer.NOOP)
			.run((context) -> assertThat(W3cParticipation.isEnabled()).isTrue());
	}

	@Test
	void offBesideARealTracer() {
		this.runner.withBean(Tracer.class, () -> Mockito.mock(Tracer.class))
			.run((context) -> assertThat(W3cParticipation.isEnabled()).isFalse());
	}

	@Test
	void offWhenTurnedOff() {
		this.runner.withPropertyValues("trace.w3c.enabled=false")
			.run((context) -> assertThat(W3cParticipation.isEnabled()).isFalse());
	}

	@Test
	void aStartedTraceFollowsTheSampledSetting() {
		this.runner.withPropertyValues("trace.w3c.sampled=false")
			.run((context) -> assertThat(W3cParticipation.started("order-1").traceparentForCall()).endsWith("-00"));
	}

	@Test
	void theStartupLineSaysWhoSendsW3cTraceContext() {
		this.runner.withClassLoader(new FilteredClassLoader(Tracer.class))
			.run((context) -> assertThat(new TraceStartupReport(new TraceProperties(), context).describe(List.of(),
					context.getEnvironment()))
				.contains("; W3C Trace Context sent by the starter (no tracer);"));
	}

}
