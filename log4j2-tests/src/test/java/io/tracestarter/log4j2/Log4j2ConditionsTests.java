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

package io.tracestarter.log4j2;

import io.tracestarter.autoconfigure.TraceAutoConfiguration;
import io.tracestarter.core.RequestSampling;
import io.tracestarter.logging.LinesWithoutTraceId;
import io.tracestarter.logging.Log4j2TraceJsonStructuredLogFormatter;
import io.tracestarter.logging.LoggingTraceAutoConfiguration;
import io.tracestarter.logging.TraceLoggingEnvironmentPostProcessor;
import io.tracestarter.sampling.SamplingAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which of the starter's logging parts match on this classpath (Log4j2, no Logback), and
 * that none of them fails when Log4j2 is filtered away too.
 */
class Log4j2ConditionsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TraceAutoConfiguration.class, LoggingTraceAutoConfiguration.class,
				SamplingAutoConfiguration.class));

	@Test
	void log4j2DiagnosticsAndNoLogbackPart() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(LinesWithoutTraceId.class)
			.hasBean("log4j2TraceDiagnosticsInstaller")
			.doesNotHaveBean("traceDiagnosticsInstaller")
			.hasBean("traceLoggingTruncationsMeterBinder"));
	}

	@Test
	void withoutAnyEngineTheDiagnosticsBackOff() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(org.apache.logging.log4j.core.LoggerContext.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(LinesWithoutTraceId.class)
				.doesNotHaveBean("log4j2TraceDiagnosticsInstaller")
				.doesNotHaveBean("traceLoggingTruncationsMeterBinder"));
	}

	@Test
	void samplingStandsInFrontOfLog4j2sAppenders() {
		this.contextRunner.withPropertyValues("trace.sampling.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(RequestSampling.class)
				.hasBean("traceLog4j2SamplingInstaller")
				.doesNotHaveBean("traceSamplingInstaller")
				.doesNotHaveBean("traceSamplingOffNotice"));
	}

	@Test
	void withoutAnyEngineSamplingIsOffAndSaysSo() {
		this.contextRunner.withPropertyValues("trace.sampling.enabled=true")
			.withClassLoader(new FilteredClassLoader(org.apache.logging.log4j.core.LoggerContext.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(RequestSampling.class)
				.doesNotHaveBean("traceLog4j2SamplingInstaller")
				.hasBean("traceSamplingOffNotice"));
	}

	@Test
	void theConsoleDefaultsToTheLog4j2Format() {
		MockEnvironment environment = new MockEnvironment();
		new TraceLoggingEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("logging.structured.format.console"))
			.isEqualTo(Log4j2TraceJsonStructuredLogFormatter.class.getName());
	}

}
