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

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.tracestarter.autoconfigure.TraceProperties;
import io.tracestarter.core.RequestSampling.Kind;
import io.tracestarter.core.RequestSampling.Request;
import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceScope;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The installer on the real Log4j2 context behind Log4j's API: it puts the sampling
 * appender between the root logger configuration and its appenders (leaving the starter's
 * own appenders on the root), and the debug capture as a configuration-wide filter, once;
 * closing puts everything back.
 */
class Log4j2SamplingInstallerTests {

	private static final long SECOND = 1_000_000_000L;

	private final LoggerContext context = (LoggerContext) LogManager.getContext(false);

	private final Configuration configuration = this.context.getConfiguration();

	private final LoggerConfig root = this.configuration.getRootLogger();

	private final SampledRequests requests = new SampledRequests(quietRoutes(),
			new SampledRequests.Limits(10, 100_000, 1_000_000, 10, 60 * SECOND), new SamplingCounters(), () -> 0L);

	private final Log4j2SamplingAppender appender = new Log4j2SamplingAppender(this.requests, true);

	private final Log4j2DebugCaptureFilter debugCapture = new Log4j2DebugCaptureFilter(this.requests);

	private final Log4j2SamplingInstaller installer = new Log4j2SamplingInstaller(this.appender, this.debugCapture);

	private final Recorder console = new Recorder("TEST_CONSOLE");

	private final Recorder diagnostics = new Recorder("TRACE_STARTER_TEST_DIAGNOSTICS");

	private final Logger logger = LogManager.getLogger("app.Orders");

	private Level rootLevel;

	private @Nullable Filter filterBefore;

	@BeforeEach
	void addAppendersToTheRoot() {
		this.rootLevel = this.root.getLevel();
		this.filterBefore = this.configuration.getFilter();
		this.root.setLevel(Level.INFO);
		this.root.addAppender(this.console, null, null);
		this.root.addAppender(this.diagnostics, null, null);
		this.context.updateLoggers();
	}

	@AfterEach
	void restoreTheRoot() {
		this.installer.destroy();
		this.root.removeAppender(this.console.getName());
		this.root.removeAppender(this.diagnostics.getName());
		this.root.setLevel(this.rootLevel);
		this.context.updateLoggers();
		ThreadContext.clearMap();
	}

	@Test
	void theSamplingAppenderStandsBetweenTheRootAndItsAppenders() {
		this.installer.afterSingletonsInstantiated();
		assertThat(this.root.getAppenders()).containsKeys(SamplingAppender.NAME, this.diagnostics.getName())
			.doesNotContainKey(this.console.getName());
		assertThat(this.appender.appenders()).extracting(Log4j2SamplingAppender.Wrapped::appender)
			.contains(this.console)
			.doesNotContain(this.diagnostics);
		assertThat(this.appender.isStarted()).isTrue();
		assertThat(this.configuration.getFilter()).isSameAs(this.debugCapture);
		assertThat(this.debugCapture.isStarted()).isTrue();
	}

	@Test
	void linesOfASampledOutRequestWaitWhileTheStartersAppendersSeeThemAtOnce() {
		this.installer.afterSingletonsInstantiated();
		Request request = this.requests.begin("quiet-1", Kind.ROUTE, "/quiet/a");
		try (TraceScope scope = TraceContext.open("quiet-1")) {
			ThreadContext.put(TraceContext.MDC_KEY, "quiet-1");
			this.logger.info("held");
			this.logger.debug("captured debug");
			ThreadContext.remove(TraceContext.MDC_KEY);
		}
		this.logger.info("free");
		this.logger.debug("not captured");
		assertThat(this.console.messages()).containsExactly("free");
		assertThat(this.diagnostics.messages()).containsExactly("held", "captured debug", "free");
		request.end(true);
		assertThat(this.console.messages()).containsExactly("free", "held", "captured debug");
	}

	@Test
	void installingTwiceWrapsOnce() {
		this.installer.afterSingletonsInstantiated();
		int wrapped = this.appender.appenders().size();
		this.installer.afterSingletonsInstantiated();
		assertThat(this.appender.appenders()).hasSize(wrapped);
		assertThat(this.root.getAppenders()).containsKey(SamplingAppender.NAME);
	}

	@Test
	void closingPutsTheAppendersBackOnTheRootAndRemovesTheDebugCapture() {
		this.installer.afterSingletonsInstantiated();
		this.installer.destroy();
		assertThat(this.root.getAppenders()).containsKeys(this.console.getName(), this.diagnostics.getName())
			.doesNotContainKey(SamplingAppender.NAME);
		assertThat(this.appender.isStarted()).isFalse();
		assertThat(this.appender.appenders()).isEmpty();
		assertThat(this.configuration.getFilter()).isSameAs(this.filterBefore);
		assertThat(this.debugCapture.isStarted()).isFalse();
		this.logger.info("after close");
		assertThat(this.console.messages()).containsExactly("after close");
	}

	@Test
	void closingWithoutInstallingDoesNothing() {
		this.installer.destroy();
		assertThat(this.root.getAppenders()).containsKeys(this.console.getName(), this.diagnostics.getName())
			.doesNotContainKey(SamplingAppender.NAME);
	}

	private static SamplingRules quietRoutes() {
		TraceProperties.Sampling sampling = new TraceProperties().getSampling();
		TraceProperties.Sampling.Rule rule = new TraceProperties.Sampling.Rule();
		rule.setRoute("/quiet/**");
		rule.setRate(0);
		sampling.getRules().add(rule);
		return SamplingRules.of(sampling, new SamplingCounters());
	}

	/**
	 * A started appender that keeps the messages it is given.
	 */
	private static final class Recorder extends AbstractAppender {

		private final List<String> messages = new CopyOnWriteArrayList<>();

		Recorder(String name) {
			super(name, null, null, true, Property.EMPTY_ARRAY);
			start();
		}

		@Override
		public void append(LogEvent event) {
			this.messages.add(event.getMessage().getFormattedMessage());
		}

		List<String> messages() {
			return this.messages;
		}

	}

}
