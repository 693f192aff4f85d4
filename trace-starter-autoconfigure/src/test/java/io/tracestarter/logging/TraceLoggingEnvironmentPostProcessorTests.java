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

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class TraceLoggingEnvironmentPostProcessorTests {

	private final TraceLoggingEnvironmentPostProcessor postProcessor = new TraceLoggingEnvironmentPostProcessor();

	private final MockEnvironment environment = new MockEnvironment();

	@Test
	void consoleDefaultsToTheStartersJsonFormat() {
		this.postProcessor.postProcessEnvironment(this.environment, new SpringApplication());
		assertThat(this.environment.getProperty("logging.structured.format.console"))
			.isEqualTo(TraceJsonStructuredLogFormatter.class.getName());
	}

	@Test
	void aFormatTheUserChoseWins() {
		this.environment.setProperty("logging.structured.format.console", "logstash");
		this.postProcessor.postProcessEnvironment(this.environment, new SpringApplication());
		assertThat(this.environment.getProperty("logging.structured.format.console")).isEqualTo("logstash");
		assertThat(this.environment.getPropertySources()
			.contains(TraceLoggingEnvironmentPostProcessor.PROPERTY_SOURCE_NAME)).isFalse();
	}

	@Test
	void ecsIsTheStartersEcsLineAtBootsPlainCost() {
		this.environment.setProperty("logging.structured.format.console", "ecs");
		this.postProcessor.postProcessEnvironment(this.environment, new SpringApplication());
		assertThat(this.environment.getProperty("logging.structured.format.console"))
			.isEqualTo(LogbackEcsStructuredLogFormatter.class.getName());
		assertThat(this.environment.getProperty("logging.structured.format.file")).isNull();
		assertThat(this.environment.getProperty("logging.structured.json.rename[trace_id]")).isNull();
		assertThat(this.environment.getPropertySources()
			.contains(TraceLoggingEnvironmentPostProcessor.PROPERTY_SOURCE_NAME)).isFalse();
	}

	@Test
	void anEcsFileGetsTheStartersEcsLineToo() {
		this.environment.setProperty("logging.structured.format.console", "ecs");
		this.environment.setProperty("logging.structured.format.file", "ecs");
		this.postProcessor.postProcessEnvironment(this.environment, new SpringApplication());
		assertThat(this.environment.getProperty("logging.structured.format.file"))
			.isEqualTo(LogbackEcsStructuredLogFormatter.class.getName());
	}

	@Test
	void ecsWithJsonSettingsOfTheUserGetsRenamesThatKeepThem() {
		this.environment.setProperty("logging.structured.format.console", "ecs");
		this.environment.setProperty("logging.structured.json.exclude", "process.thread.name");
		this.postProcessor.postProcessEnvironment(this.environment, new SpringApplication());
		assertRenames();
	}

	@Test
	void ecsWithAnotherFileFormatGetsRenames() {
		this.environment.setProperty("logging.structured.format.console", "ecs");
		this.environment.setProperty("logging.structured.format.file", "logstash");
		this.postProcessor.postProcessEnvironment(this.environment, new SpringApplication());
		assertRenames();
		assertThat(this.environment.getProperty("logging.structured.format.file")).isEqualTo("logstash");
	}

	@Test
	void logstashAndGelfAreLeftAsBootWritesThem() {
		for (String format : new String[] { "logstash", "gelf" }) {
			MockEnvironment environment = new MockEnvironment().withProperty("logging.structured.format.console",
					format);
			this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
			assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo(format);
			assertThat(environment.getPropertySources().size()).isOne();
		}
	}

	private void assertRenames() {
		assertThat(this.environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
		assertThat(this.environment.getProperty("logging.structured.json.rename[trace_id]")).isEqualTo("trace.id");
		assertThat(this.environment.getProperty("logging.structured.json.rename[spanId]")).isEqualTo("span.id");
	}

	@Test
	void anotherLoggingSystemKeepsBootsConsole() {
		System.setProperty(LoggingSystem.SYSTEM_PROPERTY,
				"org.springframework.boot.logging.log4j2.Log4J2LoggingSystem");
		try {
			this.postProcessor.postProcessEnvironment(this.environment, new SpringApplication());
			assertThat(this.environment.getProperty("logging.structured.format.console")).isNull();
		}
		finally {
			System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
		}
	}

	@Test
	void turnedOffByEitherSwitch() {
		this.environment.setProperty("trace.logging.enabled", "false");
		this.postProcessor.postProcessEnvironment(this.environment, new SpringApplication());
		assertThat(this.environment.getProperty("logging.structured.format.console")).isNull();
		MockEnvironment other = new MockEnvironment().withProperty("trace.enabled", "false");
		this.postProcessor.postProcessEnvironment(other, new SpringApplication());
		assertThat(other.getProperty("logging.structured.format.console")).isNull();
	}

}
