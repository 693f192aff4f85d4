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

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.tracestarter.autoconfigure.TraceProperties;
import io.tracestarter.core.RequestSampling.Kind;
import io.tracestarter.core.RequestSampling.Request;
import io.tracestarter.core.TraceContext;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Filter.Result;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.filter.ThresholdFilter;
import org.apache.logging.log4j.core.impl.ContextDataFactory;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.impl.MutableLogEvent;
import org.apache.logging.log4j.core.time.MutableInstant;
import org.apache.logging.log4j.message.SimpleMessage;
import org.apache.logging.log4j.util.StringMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Log4j2 appender that stands before the root logger's appenders, on real Log4j2
 * events: the appenders it wraps are called with their references' levels and filters; a
 * sampled-out request's lines wait and are written (marked {@code trace_sampling}) only
 * when it fails; with the debug capture, a DEBUG line below its logger's level is never
 * written on its own; held lines are immutable copies.
 */
class Log4j2SamplingAppenderTests {

	private static final long SECOND = 1_000_000_000L;

	private final SamplingCounters counters = new SamplingCounters();

	private final SampledRequests requests = new SampledRequests(quietRoutes(),
			new SampledRequests.Limits(10, 100_000, 1_000_000, 10, 60 * SECOND), this.counters, () -> 0L);

	private final Recorder written = new Recorder("recorder");

	private final LoggerContext context = new LoggerContext("Log4j2SamplingAppenderTests");

	@AfterEach
	void stopTheContext() {
		this.context.stop();
	}

	@Test
	void aLineOutsideAnyRequestReachesTheWrappedAppender() {
		Log4j2SamplingAppender appender = appender(false, null, null);
		appender.append(event(Level.INFO, "free", null));
		assertThat(this.written.messages()).containsExactly("free");
	}

	@Test
	void theWrappedAppendersReferenceLevelAndFilterStillApply() {
		Recorder errorsOnly = new Recorder("errors");
		errorsOnly.start();
		Log4j2SamplingAppender appender = appender(false, Level.WARN, null);
		appender.addAppender(errorsOnly, null, ThresholdFilter.createFilter(Level.ERROR, Result.ACCEPT, Result.DENY));
		appender.append(event(Level.INFO, "info", null));
		appender.append(event(Level.WARN, "warn", null));
		appender.append(event(Level.ERROR, "error", null));
		assertThat(this.written.messages()).containsExactly("warn", "error");
		assertThat(errorsOnly.messages()).containsExactly("error");
		assertThat(appender.appenders()).extracting(Log4j2SamplingAppender.Wrapped::appender)
			.containsExactly(this.written, errorsOnly);
		appender.removeAppenders();
		assertThat(appender.appenders()).isEmpty();
	}

	@Test
	void aSampledOutRequestsLinesAreDroppedOnSuccessAndWrittenMarkedOnFailure() {
		Log4j2SamplingAppender appender = appender(false, null, null);
		Request succeeding = this.requests.begin("quiet-1", Kind.ROUTE, "/quiet/a");
		appender.append(event(Level.INFO, "dropped", "quiet-1"));
		succeeding.end(false);
		Request failing = this.requests.begin("quiet-2", Kind.ROUTE, "/quiet/a");
		appender.append(event(Level.INFO, "first", "quiet-2"));
		appender.append(event(Level.WARN, "warned", "quiet-2"));
		appender.append(event(Level.INFO, "second", "quiet-2"));
		assertThat(this.written.messages()).containsExactly("warned");
		failing.end(true);
		assertThat(this.written.messages()).containsExactly("warned", "first", "second");
		assertThat(this.written.events.subList(1, 3)).allSatisfy((event) -> {
			assertThat(event.getContextData().<String>getValue(SampledEvents.FIELD)).isEqualTo(SampledEvents.ERROR);
			assertThat(event.getContextData().<String>getValue(TraceContext.MDC_KEY)).isEqualTo("quiet-2");
		});
	}

	@Test
	void withDebugCaptureADebugLineBelowItsLoggersLevelIsNeverWrittenOnItsOwn() {
		this.context.getLogger("app").setLevel(Level.INFO);
		this.context.getLogger("app.verbose").setLevel(Level.DEBUG);
		Log4j2SamplingAppender capturing = appender(true, null, null);
		capturing.setContext(this.context);
		capturing.append(event("app", Level.DEBUG, "below", null));
		capturing.append(event("app.verbose", Level.DEBUG, "at level", null));
		appender(false, null, null).append(event("app", Level.DEBUG, "no capture", null));
		Log4j2SamplingAppender withoutContext = appender(true, null, null);
		withoutContext.append(event("app", Level.DEBUG, "no context", null));
		assertThat(this.written.messages()).containsExactly("at level", "no capture", "no context");
	}

	@Test
	void theRequestsIdIsTheStartersElseTheSpans() {
		Log4j2SamplingAppender appender = appender(false, null, null);
		LogEvent both = eventWithContext("app", Level.INFO, "both",
				Map.of(TraceContext.MDC_KEY, "ours-1", SampledEvents.MICROMETER_TRACE_ID, "span-1"));
		LogEvent spanOnly = eventWithContext("app", Level.INFO, "span",
				Map.of(SampledEvents.MICROMETER_TRACE_ID, "span-2"));
		assertThat(appender.traceId(both)).isEqualTo("ours-1");
		assertThat(appender.traceId(spanOnly)).isEqualTo("span-2");
		assertThat(appender.traceId(event(Level.INFO, "none", null))).isNull();
	}

	@Test
	void aCapturedLineKeepsItsContextAndAddsTheReasonTheOriginalIsLeftAlone() {
		Log4j2SamplingAppender appender = appender(false, null, null);
		LogEvent event = eventWithContext("app", Level.INFO, "held",
				Map.of(TraceContext.MDC_KEY, "req-1", "tenant", "acme"));
		LogEvent captured = appender.captured(event, SampledEvents.ERROR);
		assertThat(captured.getContextData().toMap()).containsOnly(Map.entry(TraceContext.MDC_KEY, "req-1"),
				Map.entry("tenant", "acme"), Map.entry(SampledEvents.FIELD, SampledEvents.ERROR));
		assertThat(captured.getMessage().getFormattedMessage()).isEqualTo("held");
		assertThat(captured.getLevel()).isEqualTo(Level.INFO);
		assertThat(event.getContextData().containsKey(SampledEvents.FIELD)).isFalse();
	}

	@Test
	void theOverflowMarkerIsAWarnLineOfTheRequestAtTheFirstLostLine() {
		Instant firstLost = Instant.parse("2026-01-02T03:04:05.678Z");
		LogEvent marker = appender(false, null, null).overflowMarker("req-2", "3 lines were not kept", firstLost);
		assertThat(marker.getLoggerName()).isEqualTo(SampledEvents.MARKER_LOGGER);
		assertThat(marker.getLevel()).isEqualTo(Level.WARN);
		assertThat(marker.getMessage().getFormattedMessage()).isEqualTo("3 lines were not kept");
		assertThat(marker.getTimeMillis()).isEqualTo(firstLost.toEpochMilli());
		assertThat(marker.getContextData().toMap()).containsOnly(Map.entry(TraceContext.MDC_KEY, "req-2"),
				Map.entry(SampledEvents.FIELD, SampledEvents.OVERFLOW));
	}

	@Test
	void aHeldLineIsACopyThatOutlivesAReusedEvent() {
		Log4j2SamplingAppender appender = appender(false, null, null);
		MutableLogEvent reused = new MutableLogEvent();
		reused.setLoggerName("app");
		reused.setLevel(Level.INFO);
		reused.setMessage(new SimpleMessage("first"));
		LogEvent frozen = appender.freeze(reused);
		reused.setMessage(new SimpleMessage("second"));
		assertThat(frozen).isNotSameAs(reused);
		assertThat(frozen.getMessage().getFormattedMessage()).isEqualTo("first");
	}

	@Test
	void theLinesTimeIsKeptToTheNanosecondAndItsCostGrowsWithItsContent() {
		Log4j2SamplingAppender appender = appender(false, null, null);
		MutableInstant instant = new MutableInstant();
		instant.initFromEpochSecond(1_767_323_045L, 123_456_789);
		LogEvent timed = Log4jLogEvent.newBuilder().setMessage(new SimpleMessage("x")).setInstant(instant).build();
		assertThat(appender.instant(timed)).isEqualTo(Instant.ofEpochSecond(1_767_323_045L, 123_456_789));
		int base = appender.estimatedBytes(event(Level.INFO, "x", null));
		assertThat(appender.estimatedBytes(event(Level.INFO, "x".repeat(100), null)))
			.isGreaterThanOrEqualTo(base + 2 * 99);
		assertThat(appender.estimatedBytes(event(Level.INFO, "x", "some-trace-id"))).isGreaterThan(base);
		LogEvent failed = Log4jLogEvent.newBuilder()
			.setMessage(new SimpleMessage("x"))
			.setThrown(new IllegalStateException("boom"))
			.build();
		assertThat(appender.estimatedBytes(failed)).isGreaterThanOrEqualTo(base + 1024);
	}

	private Log4j2SamplingAppender appender(boolean captureDebug, @Nullable Level level,
			@Nullable ThresholdFilter filter) {
		Log4j2SamplingAppender appender = new Log4j2SamplingAppender(this.requests, captureDebug);
		appender.start();
		this.written.start();
		appender.addAppender(this.written, level, filter);
		return appender;
	}

	private static LogEvent event(Level level, String message, @Nullable String traceId) {
		return event("app", level, message, traceId);
	}

	private static LogEvent eventWithContext(String logger, Level level, String message, Map<String, String> context) {
		StringMap data = ContextDataFactory.createContextData();
		context.forEach(data::putValue);
		return Log4jLogEvent.newBuilder()
			.setLoggerName(logger)
			.setLevel(level)
			.setMessage(new SimpleMessage(message))
			.setContextData(data)
			.build();
	}

	private static LogEvent event(String logger, Level level, String message, @Nullable String traceId) {
		return eventWithContext(logger, level, message,
				(traceId != null) ? Map.of(TraceContext.MDC_KEY, traceId) : Map.of());
	}

	private SamplingRules quietRoutes() {
		TraceProperties.Sampling sampling = new TraceProperties().getSampling();
		TraceProperties.Sampling.Rule rule = new TraceProperties.Sampling.Rule();
		rule.setRoute("/quiet/**");
		rule.setRate(0);
		sampling.getRules().add(rule);
		return SamplingRules.of(sampling, this.counters);
	}

	/**
	 * An appender that keeps immutable copies of what it is given.
	 */
	private static final class Recorder extends AbstractAppender {

		private final List<LogEvent> events = new CopyOnWriteArrayList<>();

		Recorder(String name) {
			super(name, null, null, true, Property.EMPTY_ARRAY);
		}

		@Override
		public void append(LogEvent event) {
			this.events.add(event.toImmutable());
		}

		List<String> messages() {
			return this.events.stream().map((event) -> event.getMessage().getFormattedMessage()).toList();
		}

	}

}
