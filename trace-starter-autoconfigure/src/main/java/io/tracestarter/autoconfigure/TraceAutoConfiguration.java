package io.tracestarter.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.tracestarter.core.InboundTrust;
import io.tracestarter.core.TraceIdGenerator;
import io.tracestarter.core.TraceIdResolver;
import io.tracestarter.core.TraceIdValidator;
import io.tracestarter.core.TraceMetrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The trace id core every layer uses: validation, resolution of inbound ids, generation
 * and counters.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "trace.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TraceProperties.class)
public final class TraceAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TraceMetrics traceMetrics() {
		return new TraceMetrics();
	}

	@Bean
	@ConditionalOnMissingBean
	TraceIdValidator traceIdValidator(TraceProperties properties) {
		return new TraceIdValidator(properties.getId().getMaxLength());
	}

	@Bean
	@ConditionalOnMissingBean
	InboundTrust inboundTrust(TraceProperties properties) {
		return properties.getInbound().toTrust();
	}

	@Bean
	@ConditionalOnMissingBean
	TraceIdResolver traceIdResolver(TraceProperties properties, TraceIdValidator validator,
			ObjectProvider<TraceIdGenerator> generator, TraceMetrics metrics) {
		return new TraceIdResolver(properties.getId().getSources(), validator,
				generator.getIfAvailable(TraceIdGenerator::random), metrics);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Tracer.class)
	static class MicrometerTracingConfiguration {

		@Bean
		@ConditionalOnMissingBean(TraceIdGenerator.class)
		SpanTraceIdGenerator spanTraceIdGenerator(ObjectProvider<Tracer> tracer) {
			return new SpanTraceIdGenerator(tracer);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		TraceMetricsMeterBinder traceMetricsMeterBinder(TraceMetrics metrics) {
			return new TraceMetricsMeterBinder(metrics);
		}

	}

}
