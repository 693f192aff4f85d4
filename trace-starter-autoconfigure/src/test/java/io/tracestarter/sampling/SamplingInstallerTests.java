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

import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import io.tracestarter.autoconfigure.TraceProperties;
import io.tracestarter.core.RequestSampling.Kind;
import io.tracestarter.core.RequestSampling.Request;
import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The installer on the real Logback context: it puts the sampling appender between the
 * root logger and its appenders (leaving the starter's own appenders on the root), and
 * the debug capture among the turbo filters, once; closing puts everything back.
 */
class SamplingInstallerTests {

	private static final long SECOND = 1_000_000_000L;

	private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

	private final Logger root = this.context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

	private final SampledRequests requests = new SampledRequests(quietRoutes(),
			new SampledRequests.Limits(10, 100_000, 1_000_000, 10, 60 * SECOND), new SamplingCounters(), () -> 0L);

	private final SamplingAppender appender = new SamplingAppender(this.requests, true);

	private final DebugCaptureFilter debugCapture = new DebugCaptureFilter(this.requests);

	private final SamplingInstaller installer = new SamplingInstaller(this.appender, this.debugCapture);

	private final ListAppender<ILoggingEvent> console = listAppender("TEST_CONSOLE");

	private final ListAppender<ILoggingEvent> diagnostics = listAppender("TRACE_STARTER_TEST_DIAGNOSTICS");

	private final List<Appender<ILoggingEvent>> before = new ArrayList<>();

	private Level rootLevel;

	@BeforeEach
	void addAppendersToTheRoot() {
		this.root.iteratorForAppenders().forEachRemaining(this.before::add);
		this.rootLevel = this.root.getLevel();
		this.root.setLevel(Level.INFO);
		this.root.addAppender(this.console);
		this.root.addAppender(this.diagnostics);
	}

	@AfterEach
	void restoreTheRoot() {
		this.installer.destroy();
		this.root.detachAppender(this.console);
		this.root.detachAppender(this.diagnostics);
		this.root.setLevel(this.rootLevel);
	}

	@Test
	void theSamplingAppenderStandsBetweenTheRootAndItsAppenders() {
		this.installer.afterSingletonsInstantiated();
		assertThat(rootAppenders()).containsExactly(this.diagnostics, this.appender);
		assertThat(this.appender.isStarted()).isTrue();
		assertThat(this.appender.getContext()).isSameAs(this.context);
		List<Appender<ILoggingEvent>> wrapped = new ArrayList<>();
		this.appender.iteratorForAppenders().forEachRemaining(wrapped::add);
		List<Appender<ILoggingEvent>> expected = new ArrayList<>(this.before);
		expected.add(this.console);
		assertThat(wrapped).containsExactlyElementsOf(expected);
		assertThat(this.context.getTurboFilterList()).contains(this.debugCapture);
		assertThat(this.debugCapture.isStarted()).isTrue();
	}

	@Test
	void linesOfASampledOutRequestWaitWhileTheStartersAppendersSeeThemAtOnce() {
		this.installer.afterSingletonsInstantiated();
		org.slf4j.Logger logger = LoggerFactory.getLogger("app.Orders");
		Request request = this.requests.begin("quiet-1", Kind.ROUTE, "/quiet/a");
		try (TraceScope scope = TraceContext.open("quiet-1")) {
			logger.info("held");
			logger.debug("captured debug");
		}
		logger.info("free");
		assertThat(messages(this.console)).containsExactly("free");
		assertThat(messages(this.diagnostics)).containsExactly("held", "captured debug", "free");
		request.end(true);
		assertThat(messages(this.console)).containsExactly("free", "held", "captured debug");
	}

	@Test
	void installingTwiceWrapsOnce() {
		this.installer.afterSingletonsInstantiated();
		this.installer.afterSingletonsInstantiated();
		assertThat(rootAppenders()).containsExactly(this.diagnostics, this.appender);
		assertThat(this.context.getTurboFilterList().stream().filter((filter) -> filter == this.debugCapture))
			.hasSize(1);
	}

	@Test
	void closingPutsTheAppendersBackOnTheRootAndRemovesTheDebugCapture() {
		this.installer.afterSingletonsInstantiated();
		this.installer.destroy();
		List<Appender<ILoggingEvent>> all = new ArrayList<>();
		this.root.iteratorForAppenders().forEachRemaining(all::add);
		List<Appender<ILoggingEvent>> expected = new ArrayList<>(this.before);
		expected.add(this.console);
		expected.add(this.diagnostics);
		assertThat(all).containsExactlyInAnyOrderElementsOf(expected);
		assertThat(this.appender.isStarted()).isFalse();
		assertThat(this.appender.iteratorForAppenders()).toIterable().isEmpty();
		assertThat(this.console.isStarted()).as("the wrapped appenders keep running").isTrue();
		assertThat(this.context.getTurboFilterList()).doesNotContain(this.debugCapture);
		assertThat(this.debugCapture.isStarted()).isFalse();
		LoggerFactory.getLogger("app.Orders").info("after close");
		assertThat(messages(this.console)).containsExactly("after close");
	}

	@Test
	void closingWithoutInstallingDoesNothing() {
		this.installer.destroy();
		assertThat(rootAppenders()).contains(this.console, this.diagnostics).doesNotContain(this.appender);
	}

	@Test
	void withoutDebugCaptureNoTurboFilterIsAdded() {
		int filters = this.context.getTurboFilterList().size();
		SamplingInstaller installer = new SamplingInstaller(new SamplingAppender(this.requests, false), null);
		installer.afterSingletonsInstantiated();
		try {
			assertThat(this.context.getTurboFilterList()).hasSize(filters);
		}
		finally {
			installer.destroy();
		}
	}

	private List<Appender<ILoggingEvent>> rootAppenders() {
		List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
		this.root.iteratorForAppenders().forEachRemaining(appenders::add);
		appenders.removeAll(this.before);
		return appenders;
	}

	private static List<String> messages(ListAppender<ILoggingEvent> appender) {
		return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
	}

	private ListAppender<ILoggingEvent> listAppender(String name) {
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.setName(name);
		appender.setContext(this.context);
		appender.start();
		return appender;
	}

	private static SamplingRules quietRoutes() {
		TraceProperties.Sampling sampling = new TraceProperties().getSampling();
		TraceProperties.Sampling.Rule rule = new TraceProperties.Sampling.Rule();
		rule.setRoute("/quiet/**");
		rule.setRate(0);
		sampling.getRules().add(rule);
		return SamplingRules.of(sampling, new SamplingCounters());
	}

}
