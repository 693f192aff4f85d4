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

package io.tracestarter.logging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.LoggingEventVO;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import io.tracestarter.core.TraceContext;
import io.tracestarter.logging.LogEventReader.Failure;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

import org.springframework.boot.logging.StackTracePrinter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the starter reads from a real Logback event: time, level, logger, thread and
 * formatted message, one MDC entry, the fields (MDC entries, then SLF4J key-value pairs
 * in order), the request's id (the starter's before the span's), and the exception,
 * printed by Boot's printer when one is configured.
 */
class LogbackEventReaderTests {

	private static final StackTracePrinter PRINTER = (throwable, out) -> out
		.append("printed " + throwable.getClass().getSimpleName() + ": " + throwable.getMessage());

	private final LoggerContext loggers = loggerContext();

	private final LogbackEventReader reader = new LogbackEventReader(null);

	@Test
	void readsTheLinesTimeLevelLoggerThreadAndFormattedMessage() {
		LoggingEvent event = event("order {} shipped to {}", null, 7, "Lyon");
		event.setInstant(Instant.parse("2026-01-02T03:04:05.123456789Z"));
		event.setThreadName("worker-1");
		assertThat(this.reader.instant(event)).isEqualTo(Instant.parse("2026-01-02T03:04:05.123456789Z"));
		assertThat(this.reader.level(event)).isEqualTo("WARN");
		assertThat(this.reader.logger(event)).isEqualTo("app.Orders");
		assertThat(this.reader.thread(event)).isEqualTo("worker-1");
		assertThat(this.reader.message(event)).isEqualTo("order 7 shipped to Lyon");
	}

	@Test
	void readsOneMdcEntry() {
		LoggingEvent event = event("line", null);
		event.setMDCPropertyMap(Map.of("tenant", "acme"));
		assertThat(this.reader.mdc(event, "tenant")).isEqualTo("acme");
		assertThat(this.reader.mdc(event, "missing")).isNull();
	}

	@Test
	void fieldsAreTheMdcEntriesThenTheKeyValuePairsInOrder() {
		LoggingEvent event = event("line", null);
		event.setMDCPropertyMap(Map.of("tenant", "acme"));
		event.addKeyValuePair(new KeyValuePair("order", 7));
		event.addKeyValuePair(new KeyValuePair("amount", null));
		List<String> fields = new ArrayList<>();
		this.reader.fields(event, (key, value) -> fields.add(key + "=" + value));
		assertThat(fields).containsExactly("tenant=acme", "order=7", "amount=null");
	}

	@Test
	void aLineWithNeitherMdcNorKeyValuePairsHasNoFields() {
		LoggingEvent event = event("line", null);
		List<String> fields = new ArrayList<>();
		this.reader.fields(event, (key, value) -> fields.add(key + "=" + value));
		assertThat(fields).isEmpty();
	}

	@Test
	void theRequestsIdIsTheStartersBeforeTheSpans() {
		LoggingEvent both = event("line", null);
		both.setMDCPropertyMap(Map.of(TraceContext.MDC_KEY, "ours-1", LogEventReader.MICROMETER_TRACE_ID, "span-1"));
		LoggingEvent spanOnly = event("line", null);
		spanOnly.setMDCPropertyMap(Map.of(LogEventReader.MICROMETER_TRACE_ID, "span-2"));
		LoggingEvent none = event("line", null);
		none.setMDCPropertyMap(Map.of());
		assertThat(this.reader.traceId(both)).isEqualTo("ours-1");
		assertThat(this.reader.traceId(spanOnly)).isEqualTo("span-2");
		assertThat(this.reader.traceId(none)).isNull();
	}

	@Test
	void aLineWithoutExceptionHasNoFailure() {
		assertThat(this.reader.failure(event("line", null))).isNull();
	}

	@Test
	void withoutPrinterTheFailureIsLogbacksStackTraceWithCauses() {
		IllegalStateException failure = new IllegalStateException("boom", new IllegalArgumentException("root"));
		Failure read = this.reader.failure(event("failed", failure));
		assertThat(read).isNotNull();
		assertThat(read.type()).isEqualTo(IllegalStateException.class.getName());
		assertThat(read.message()).isEqualTo("boom");
		assertThat(read.stackTrace()).startsWith("java.lang.IllegalStateException: boom")
			.contains("at " + getClass().getName())
			.contains("Caused by: java.lang.IllegalArgumentException: root");
	}

	@Test
	void withPrinterTheFailureIsPrintedByIt() {
		Failure read = new LogbackEventReader(PRINTER).failure(event("failed", new IllegalStateException("boom")));
		assertThat(read).isEqualTo(
				new Failure(IllegalStateException.class.getName(), "boom", "printed IllegalStateException: boom"));
	}

	@Test
	void anExceptionThatCameWithoutItsThrowableIsNotGivenToThePrinter() {
		// As a remote (serialized) event has it.
		ILoggingEvent event = LoggingEventVO.build(event("failed", new IllegalStateException("remote")));
		assertThat(event.getThrowableProxy()).isNotInstanceOf(ThrowableProxy.class);
		Failure read = new LogbackEventReader(PRINTER).failure(event);
		assertThat(read).isNotNull();
		assertThat(read.type()).isEqualTo(IllegalStateException.class.getName());
		assertThat(read.message()).isEqualTo("remote");
		assertThat(read.stackTrace()).startsWith("java.lang.IllegalStateException: remote").doesNotContain("printed");
	}

	private LoggingEvent event(String message, @Nullable Throwable failure, Object... arguments) {
		return new LoggingEvent(getClass().getName(), this.loggers.getLogger("app.Orders"), Level.WARN, message,
				failure, arguments);
	}

	private static LoggerContext loggerContext() {
		LoggerContext context = new LoggerContext();
		context.setMDCAdapter(new LogbackMDCAdapter());
		return context;
	}

}
