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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.tracestarter.JsonLines;
import io.tracestarter.core.RequestSampling.Kind;
import io.tracestarter.core.RequestSampling.Request;
import io.tracestarter.core.TraceScope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.context.refresh.ContextRefresher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Spring Cloud's context on the classpath (its own Surefire execution), a refresh of
 * the environment changes the sampling rules of a running application.
 */
@SpringBootTest(classes = SamplingRulesRefreshIntegrationTests.App.class,
		properties = { "spring.main.web-application-type=none", "management.tracing.export.otlp.enabled=false",
				"management.otlp.metrics.export.enabled=false" })
@ExtendWith(OutputCaptureExtension.class)
class SamplingRulesRefreshIntegrationTests {

	private static final Path CONFIG = createConfig();

	@Autowired
	private ContextRefresher refresher;

	@Autowired
	private SampledRequests requests;

	@Test
	void aRefreshedRateAppliesToRequestsThatStartAfterIt(CapturedOutput output) {
		logRequest("before-refresh");
		writeConfig("1");
		assertThat(this.refresher.refreshEnvironment()).contains("trace.sampling.rules[0].rate");
		logRequest("after-refresh");
		assertThat(JsonLines.withMessage(output, "probe before-refresh"::equals)).isEmpty();
		assertThat(JsonLines.withMessage(output, "probe after-refresh"::equals)).singleElement()
			.satisfies((line) -> assertThat(line).containsEntry("trace_id", "after-refresh"));
		assertThat(this.requests.rules().all()).singleElement()
			.satisfies((rule) -> assertThat(rule.rate()).isEqualTo(1.0));
	}

	@Test
	void rulesThatDoNotCheckAreReportedAndTheRunningOnesKept(CapturedOutput output) {
		SamplingRules running = this.requests.rules();
		writeConfig("2");
		try {
			assertThat(this.refresher.refreshEnvironment()).contains("trace.sampling.rules[0].rate");
			assertThat(this.requests.rules()).isSameAs(running);
			assertThat(JsonLines.withMessage(output, (message) -> message.startsWith("Log sampling rules not changed")))
				.singleElement()
				.satisfies((line) -> assertThat((String) line.get("message")).contains("trace.sampling.rules[0].rate"));
		}
		finally {
			writeConfig("0");
			this.refresher.refreshEnvironment();
		}
	}

	@AfterAll
	static void forgetConfig() {
		System.clearProperty("spring.config.import");
	}

	@BeforeEach
	void startFromRateZero() {
		writeConfig("0");
		this.refresher.refreshEnvironment();
	}

	private static Path createConfig() {
		try {
			Path config = Path.of("target", "sampling-refresh", "application.properties");
			Files.createDirectories(config.getParent());
			writeConfig(config, "0");
			// A system property, as a real deployment passes it: the refresh reads the
			// standard property sources again, not the test's inlined ones.
			System.setProperty("spring.config.import", "optional:file:" + config.toAbsolutePath());
			return config;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void writeConfig(String rate) {
		writeConfig(CONFIG, rate);
	}

	// The file a ConfigMap or config server would change; the refresh reads it again.
	private static void writeConfig(Path config, String rate) {
		try {
			Files.writeString(config, "trace.sampling.enabled=true\ntrace.sampling.rules[0].route=/health/**\n"
					+ "trace.sampling.rules[0].rate=" + rate + "\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void logRequest(String id) {
		Request request = this.requests.begin(id, Kind.ROUTE, "/health/liveness");
		try (TraceScope scope = TraceScope.open(id)) {
			LoggerFactory.getLogger("probe").info("probe {}", id);
		}
		request.end(false);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

}
