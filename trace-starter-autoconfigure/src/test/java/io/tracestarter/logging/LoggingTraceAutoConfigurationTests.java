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

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import ch.qos.logback.classic.LoggerContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.tracestarter.autoconfigure.TraceAutoConfiguration;
import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TracerTraceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

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

	@Test
	void withATracerAndOnlyTheStartersFormatsTheTracerCarriesIdsAlone() {
		for (String format : new String[] { TraceJsonStructuredLogFormatter.class.getName(),
				LogbackEcsStructuredLogFormatter.class.getName() }) {
			this.contextRunner.withPropertyValues("logging.structured.format.console=" + format)
				.run((context) -> assertThat(context).hasSingleBean(TracerTraceId.class));
		}
	}

	@Test
	void anyOtherFormatOrLoggingConfigurationKeepsTheStartersOwnCopy() {
		String starters = "logging.structured.format.console=" + TraceJsonStructuredLogFormatter.class.getName();
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(TracerTraceId.class));
		this.contextRunner.withPropertyValues("logging.structured.format.console=logstash")
			.run((context) -> assertThat(context).doesNotHaveBean(TracerTraceId.class));
		this.contextRunner.withPropertyValues(starters, "logging.structured.format.file=gelf")
			.run((context) -> assertThat(context).doesNotHaveBean(TracerTraceId.class));
		this.contextRunner.withPropertyValues(starters, "logging.config=classpath:my-logback.xml")
			.run((context) -> assertThat(context).doesNotHaveBean(TracerTraceId.class));
		this.contextRunner.withPropertyValues(starters)
			.withClassLoader(new FilteredClassLoader(Tracer.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TracerTraceId.class));
		this.contextRunner.withPropertyValues(starters, "trace.logging.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TracerTraceId.class));
	}

	@Test
	void aLoggingConfigurationFileOnTheClasspathKeepsTheStartersOwnCopy(@TempDir Path root) throws IOException {
		Files.writeString(root.resolve("logback-spring.xml"), "<configuration/>");
		try (URLClassLoader loader = new URLClassLoader(new URL[] { root.toUri().toURL() },
				getClass().getClassLoader())) {
			this.contextRunner
				.withPropertyValues(
						"logging.structured.format.console=" + TraceJsonStructuredLogFormatter.class.getName())
				.withClassLoader(loader)
				.run((context) -> assertThat(context).doesNotHaveBean(TracerTraceId.class));
		}
	}

	@Test
	void closingTheContextStopsReadingTheTracersId() {
		MDC.put(TracerTraceId.MDC_KEY, "4bf92f3577b34da6a3ce929d0e0e4736");
		try {
			this.contextRunner
				.withPropertyValues(
						"logging.structured.format.console=" + TraceJsonStructuredLogFormatter.class.getName())
				.run((context) -> assertThat(TraceContext.currentTraceId())
					.isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736"));
			assertThat(TraceContext.currentTraceId()).isNull();
		}
		finally {
			MDC.remove(TracerTraceId.MDC_KEY);
		}
	}

}
