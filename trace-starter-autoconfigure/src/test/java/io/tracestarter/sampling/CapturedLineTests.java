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
import java.util.HashMap;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import io.tracestarter.core.TraceContext;
import org.junit.jupiter.api.Test;
import org.slf4j.MarkerFactory;
import org.slf4j.event.KeyValuePair;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The copy of a held-back Logback line, written after all with {@code trace_sampling}
 * saying why, keeps everything the original had and leaves the original alone; the marker
 * line of a full buffer says what was lost, under the request's id.
 */
class CapturedLineTests {

	private final LoggerContext loggers = loggerContext();

	@Test
	void aCopyKeepsTheLinesTimeThreadMessageAndException() {
		IllegalStateException failure = new IllegalStateException("boom");
		LoggingEvent event = new LoggingEvent(getClass().getName(), this.loggers.getLogger("app.Orders"), Level.DEBUG,
				"order {} failed", failure, new Object[] { 7 });
		event.setThreadName("worker-3");
		event.setInstant(Instant.parse("2026-01-02T03:04:05.123456789Z"));
		event.setSequenceNumber(41);
		ILoggingEvent copy = CapturedLine.copy(event, SampledEvents.ERROR);
		assertThat(copy.getLoggerName()).isEqualTo("app.Orders");
		assertThat(copy.getLevel()).isEqualTo(Level.DEBUG);
		assertThat(copy.getFormattedMessage()).isEqualTo("order 7 failed");
		assertThat(copy.getThreadName()).isEqualTo("worker-3");
		assertThat(copy.getInstant()).isEqualTo(Instant.parse("2026-01-02T03:04:05.123456789Z"));
		assertThat(copy.getSequenceNumber()).isEqualTo(41);
		assertThat(copy.getThrowableProxy()).isInstanceOf(ThrowableProxy.class);
		assertThat(((ThrowableProxy) copy.getThrowableProxy()).getThrowable()).isSameAs(failure);
		assertThat(copy.getLoggerContextVO()).isEqualTo(event.getLoggerContextVO());
	}

	@Test
	void aCopyKeepsTheMdcKeyValuePairsAndMarkersAndAddsTheReason() {
		LoggingEvent event = event("held");
		event.setMDCPropertyMap(Map.of(TraceContext.MDC_KEY, "req-1", "tenant", "acme"));
		event.addKeyValuePair(new KeyValuePair("order", 7));
		event.addMarker(MarkerFactory.getMarker("AUDIT"));
		ILoggingEvent copy = CapturedLine.copy(event, SampledEvents.ERROR);
		assertThat(copy.getMDCPropertyMap()).containsOnly(Map.entry(TraceContext.MDC_KEY, "req-1"),
				Map.entry("tenant", "acme"), Map.entry(SampledEvents.FIELD, SampledEvents.ERROR));
		assertThat(copy.getKeyValuePairs()).extracting((pair) -> pair.key + "=" + pair.value)
			.containsExactly("order=7");
		assertThat(copy.getMarkerList()).containsExactly(MarkerFactory.getMarker("AUDIT"));
		assertThat(event.getMDCPropertyMap()).as("the original is left alone").doesNotContainKey(SampledEvents.FIELD);
	}

	@Test
	void aCopyOfALineWithoutMdcHasOnlyTheReason() {
		LoggingEvent event = event("plain");
		event.setMDCPropertyMap(new HashMap<>());
		ILoggingEvent copy = CapturedLine.copy(event, "why");
		assertThat(copy.getMDCPropertyMap()).containsExactly(Map.entry(SampledEvents.FIELD, "why"));
		assertThat(copy.getThrowableProxy()).isNull();
		assertThat(copy.getKeyValuePairs()).isNullOrEmpty();
		assertThat(copy.getMarkerList()).isNullOrEmpty();
	}

	@Test
	void theOverflowMarkerIsAWarnLineOfTheRequestAtTheFirstLostLine() {
		Instant firstLost = Instant.parse("2026-01-02T03:04:05Z");
		ILoggingEvent marker = CapturedLine.overflowMarker("req-2", "3 lines were not kept", firstLost);
		assertThat(marker.getLoggerName()).isEqualTo(SampledEvents.MARKER_LOGGER);
		assertThat(marker.getLevel()).isEqualTo(Level.WARN);
		assertThat(marker.getFormattedMessage()).isEqualTo("3 lines were not kept");
		assertThat(marker.getThreadName()).isEqualTo(Thread.currentThread().getName());
		assertThat(marker.getInstant()).isEqualTo(firstLost);
		assertThat(marker.getMDCPropertyMap()).containsOnly(Map.entry(TraceContext.MDC_KEY, "req-2"),
				Map.entry(SampledEvents.FIELD, SampledEvents.OVERFLOW));
	}

	private LoggingEvent event(String message) {
		return new LoggingEvent(getClass().getName(), this.loggers.getLogger("app"), Level.INFO, message, null, null);
	}

	private static LoggerContext loggerContext() {
		LoggerContext context = new LoggerContext();
		context.setMDCAdapter(new LogbackMDCAdapter());
		return context;
	}

}
