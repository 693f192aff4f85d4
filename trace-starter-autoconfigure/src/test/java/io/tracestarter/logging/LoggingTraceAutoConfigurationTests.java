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
	void worksWithoutLogbackOrMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(LoggerContext.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("traceLoggingTruncationsMeterBinder"));
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("traceLoggingTruncationsMeterBinder"));
	}

}
