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
	void ecsGetsEcsFieldNames() {
		this.environment.setProperty("logging.structured.format.console", "ecs");
		this.postProcessor.postProcessEnvironment(this.environment, new SpringApplication());
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
