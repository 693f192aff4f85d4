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

package io.tracestarter.logging;

import ch.qos.logback.classic.LoggerContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tracestarter.autoconfigure.TraceAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class LoggingTraceAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TraceAutoConfiguration.class, LoggingTraceAutoConfiguration.class));

	@Test
	void publishesTheTruncationCounter() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = new SimpleMeterRegistry();
			context.getBean("traceLoggingTruncationsMeterBinder", MeterBinder.class).bindTo(registry);
			double before = registry.get(LoggingTraceAutoConfiguration.TRUNCATED).functionCounter().count();
			TruncationCounter.shared().increment();
			assertThat(registry.get(LoggingTraceAutoConfiguration.TRUNCATED).functionCounter().count())
				.isEqualTo(before + 1);
		});
	}

	@Test
	void turnedOffByLoggingEnabled() {
		this.contextRunner.withPropertyValues("trace.logging.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("traceLoggingTruncationsMeterBinder"));
	}

	@Test
	void installsTheLogbackDiagnosticsOnLogback() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(TraceDiagnosticsInstaller.class)
			.doesNotHaveBean(Log4j2TraceDiagnosticsInstaller.class)
			.hasSingleBean(LinesWithoutTraceId.class));
	}

	@Test
	void worksWithoutLogbackOrMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(LoggerContext.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean("traceLoggingTruncationsMeterBinder")
				.doesNotHaveBean(LinesWithoutTraceId.class)
				.doesNotHaveBean(TraceDiagnosticsInstaller.class));
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("traceLoggingTruncationsMeterBinder"));
	}

}
