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

import io.tracestarter.autoconfigure.TraceAutoConfiguration;
import io.tracestarter.autoconfigure.TraceProperties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Log sampling ({@code trace.sampling.enabled}, off by default): keeps a share of the
 * lines of healthy traffic by rule, decided once per trace id, and writes every line of a
 * request that fails. It stands between the root logger and its appenders, on Logback or
 * on Log4j2 (picked as Spring Boot picks its logging system: Logback when present); with
 * neither it is off and says so in one INFO line at start-up.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = TraceAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "trace.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty("trace.sampling.enabled")
public final class SamplingAutoConfiguration {

	static final String LINES = SampledRequestsConfiguration.LINES;

	static final String REQUESTS = SampledRequestsConfiguration.REQUESTS;

	static final String LOGBACK = "ch.qos.logback.classic.LoggerContext";

	static final String LOG4J2 = "org.apache.logging.log4j.core.LoggerContext";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = LOGBACK)
	@Import(SampledRequestsConfiguration.class)
	static class LogbackConfiguration {

		@Bean
		SamplingInstaller traceSamplingInstaller(TraceProperties properties, SampledRequests requests) {
			boolean captureDebug = properties.getSampling().isCaptureDebugOnError();
			return new SamplingInstaller(new SamplingAppender(requests, captureDebug),
					captureDebug ? new DebugCaptureFilter(requests) : null);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = LOG4J2)
	@ConditionalOnMissingClass(LOGBACK)
	@Import(SampledRequestsConfiguration.class)
	static class Log4j2Configuration {

		@Bean
		Log4j2SamplingInstaller traceLog4j2SamplingInstaller(TraceProperties properties, SampledRequests requests) {
			boolean captureDebug = properties.getSampling().isCaptureDebugOnError();
			return new Log4j2SamplingInstaller(new Log4j2SamplingAppender(requests, captureDebug),
					captureDebug ? new Log4j2DebugCaptureFilter(requests) : null);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass({ LOGBACK, LOG4J2 })
	static class WithoutEngineConfiguration {

		@Bean
		SamplingOffNotice traceSamplingOffNotice() {
			return new SamplingOffNotice();
		}

	}

}
