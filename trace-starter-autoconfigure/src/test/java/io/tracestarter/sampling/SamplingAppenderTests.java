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

import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.read.ListAppender;
import io.tracestarter.autoconfigure.TraceProperties;
import io.tracestarter.core.RequestSampling.Kind;
import io.tracestarter.core.RequestSampling.Request;
import io.tracestarter.core.TraceContext;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Logback appender that stands before the root logger's appenders, on real Logback
 * events: lines outside held requests, WARN lines and lines of requests no rule samples
 * out reach the appenders at once; a sampled-out request's lines wait and are written
 * (marked {@code trace_sampling}) only when it fails; with the debug capture, a DEBUG
 * line below its logger's level is never written on its own.
 */
class SamplingAppenderTests {

	private static final long SECOND = 1_000_000_000L;

	private final LoggerContext loggers = loggerContext();

	private final SamplingCounters counters = new SamplingCounters();

	private final SampledRequests requests = new SampledRequests(quietRoutes(),
			new SampledRequests.Limits(2, 100_000, 1_000_000, 10, 60 * SECOND), this.counters, () -> 0L);

	private final ListAppender<ILoggingEvent> written = new ListAppender<>();

	@Test
	void aLineOutsideAnyRequestReachesTheAppendersItStandsBefore() {
		SamplingAppender appender = appender(false);
		appender.doAppend(event(Level.INFO, "free", null));
		assertThat(this.written.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("free");
	}

	@Test
	void aSampledOutRequestsLinesAreDroppedWhenItSucceeds() {
		SamplingAppender appender = appender(false);
		Request request = this.requests.begin("quiet-1", Kind.ROUTE, "/quiet/a");
		appender.doAppend(event(Level.INFO, "held", "quiet-1"));
		assertThat(this.written.list).isEmpty();
		request.end(false);
		assertThat(this.written.list).isEmpty();
		assertThat(this.requests.rules().all().get(0).counters().dropped.sum()).isOne();
	}

	@Test
	void aSampledOutRequestsLinesAreWrittenMarkedWhenItFails() {
		SamplingAppender appender = appender(false);
		Request request = this.requests.begin("quiet-2", Kind.ROUTE, "/quiet/a");
		appender.doAppend(event(Level.INFO, "first", "quiet-2"));
		appender.doAppend(event(Level.WARN, "warned", "quiet-2"));
		appender.doAppend(event(Level.INFO, "second", "quiet-2"));
		assertThat(this.written.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("warned");
		request.end(true);
		assertThat(this.written.list).extracting(ILoggingEvent::getFormattedMessage)
			.containsExactly("warned", "first", "second");
		assertThat(this.written.list.subList(1, 3)).allSatisfy(
				(event) -> assertThat(event.getMDCPropertyMap()).containsEntry(SampledEvents.FIELD, SampledEvents.ERROR)
					.containsEntry(TraceContext.MDC_KEY, "quiet-2"));
	}

	@Test
	void aFullBufferIsAnnouncedByAMarkerLineWhenTheRequestFails() {
		SamplingAppender appender = appender(false);
		Request request = this.requests.begin("quiet-3", Kind.ROUTE, "/quiet/a");
		for (int i = 1; i <= 3; i++) {
			appender.doAppend(event(Level.INFO, "line " + i, "quiet-3"));
		}
		request.end(true);
		assertThat(this.written.list).hasSize(3);
		ILoggingEvent marker = this.written.list.get(2);
		assertThat(marker.getLoggerName()).isEqualTo(SampledEvents.MARKER_LOGGER);
		assertThat(marker.getLevel()).isEqualTo(Level.WARN);
		assertThat(marker.getFormattedMessage()).contains("1 lines of this failed request were not kept");
		assertThat(marker.getMDCPropertyMap()).containsEntry(SampledEvents.FIELD, SampledEvents.OVERFLOW);
	}

	@Test
	void theRequestsIdIsTheStartersElseTheSpans() {
		SamplingAppender appender = appender(false);
		LoggingEvent spanOnly = eventWithMdc("app", Level.INFO, "span",
				Map.of(SampledEvents.MICROMETER_TRACE_ID, "quiet-4"));
		LoggingEvent both = eventWithMdc("app", Level.INFO, "both",
				Map.of(TraceContext.MDC_KEY, "ours-1", SampledEvents.MICROMETER_TRACE_ID, "span-1"));
		assertThat(appender.traceId(spanOnly)).isEqualTo("quiet-4");
		assertThat(appender.traceId(both)).isEqualTo("ours-1");
		assertThat(appender.traceId(event(Level.INFO, "none", null))).isNull();
		Request request = this.requests.begin("quiet-4", Kind.ROUTE, "/quiet/a");
		appender.doAppend(spanOnly);
		assertThat(this.written.list).as("held under the span's id").isEmpty();
		request.end(false);
	}

	@Test
	void withDebugCaptureADebugLineBelowItsLoggersLevelIsNeverWrittenOnItsOwn() {
		this.loggers.getLogger("app").setLevel(Level.INFO);
		this.loggers.getLogger("app.verbose").setLevel(Level.DEBUG);
		appender(true).doAppend(event(Level.DEBUG, "below", null));
		appender(true).doAppend(event("app.verbose", Level.DEBUG, "at level", null));
		appender(false).doAppend(event(Level.DEBUG, "no capture", null));
		assertThat(this.written.list).extracting(ILoggingEvent::getFormattedMessage)
			.containsExactly("at level", "no capture");
	}

	@Test
	void theCostOfAHeldLineGrowsWithItsMessageMdcKeyValuePairsAndException() {
		SamplingAppender appender = appender(false);
		LoggingEvent small = event(Level.INFO, "x", null);
		LoggingEvent longer = event(Level.INFO, "x".repeat(100), null);
		LoggingEvent withMdc = event(Level.INFO, "x", "some-trace-id");
		LoggingEvent withPair = event(Level.INFO, "x", null);
		withPair.addKeyValuePair(new KeyValuePair("order", "1234"));
		LoggingEvent withException = new LoggingEvent(getClass().getName(), this.loggers.getLogger("app"), Level.INFO,
				"x", new IllegalStateException("boom"), null);
		withException.setMDCPropertyMap(Map.of());
		int base = appender.estimatedBytes(small);
		assertThat(base).isPositive();
		assertThat(appender.estimatedBytes(longer)).isGreaterThanOrEqualTo(base + 2 * 99);
		assertThat(appender.estimatedBytes(withMdc)).isGreaterThan(base);
		assertThat(appender.estimatedBytes(withPair)).isGreaterThan(base);
		assertThat(appender.estimatedBytes(withException)).isGreaterThanOrEqualTo(base + 1024);
	}

	@Test
	void aFrozenLineKeepsTheMdcItWasWrittenWith() {
		SamplingAppender appender = appender(false);
		this.loggers.getMDCAdapter().put("tenant", "acme");
		LoggingEvent event = new LoggingEvent(getClass().getName(), this.loggers.getLogger("app"), Level.INFO, "line",
				null, null);
		ILoggingEvent frozen = appender.freeze(event);
		this.loggers.getMDCAdapter().clear();
		assertThat(frozen.getMDCPropertyMap()).containsEntry("tenant", "acme");
	}

	@Test
	void appendersCanBeFoundAndDetached() {
		SamplingAppender appender = appender(false);
		assertThat(appender.getName()).isEqualTo(SamplingAppender.NAME);
		assertThat(appender.getAppender("list")).isSameAs(this.written);
		assertThat(appender.isAttached(this.written)).isTrue();
		assertThat(appender.iteratorForAppenders()).toIterable().containsExactly(this.written);
		assertThat(appender.detachAppender("list")).isTrue();
		appender.doAppend(event(Level.INFO, "nobody hears", null));
		assertThat(this.written.list).isEmpty();
		appender.addAppender(this.written);
		appender.detachAndStopAllAppenders();
		assertThat(this.written.isStarted()).isFalse();
		assertThat(appender.iteratorForAppenders()).toIterable().isEmpty();
	}

	private SamplingAppender appender(boolean captureDebug) {
		SamplingAppender appender = new SamplingAppender(this.requests, captureDebug);
		appender.setContext(this.loggers);
		appender.start();
		this.written.setName("list");
		this.written.setContext(this.loggers);
		this.written.start();
		appender.addAppender(this.written);
		return appender;
	}

	private LoggingEvent event(Level level, String message, @Nullable String traceId) {
		return event("app", level, message, traceId);
	}

	private LoggingEvent event(String logger, Level level, String message, @Nullable String traceId) {
		return eventWithMdc(logger, level, message,
				(traceId != null) ? Map.of(TraceContext.MDC_KEY, traceId) : Map.of());
	}

	private LoggingEvent eventWithMdc(String logger, Level level, String message, Map<String, String> mdc) {
		LoggingEvent event = new LoggingEvent(getClass().getName(), this.loggers.getLogger(logger), level, message,
				null, null);
		event.setMDCPropertyMap(mdc);
		return event;
	}

	private SamplingRules quietRoutes() {
		TraceProperties.Sampling sampling = new TraceProperties().getSampling();
		TraceProperties.Sampling.Rule rule = new TraceProperties.Sampling.Rule();
		rule.setRoute("/quiet/**");
		rule.setRate(0);
		sampling.getRules().add(rule);
		return SamplingRules.of(sampling, this.counters);
	}

	private static LoggerContext loggerContext() {
		LoggerContext context = new LoggerContext();
		context.setMDCAdapter(new LogbackMDCAdapter());
		return context;
	}

}
