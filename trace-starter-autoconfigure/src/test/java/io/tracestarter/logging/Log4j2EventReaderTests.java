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

import io.tracestarter.core.TraceContext;
import io.tracestarter.logging.LogEventReader.Failure;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.AbstractLogEvent;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.impl.ContextDataFactory;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.time.MutableInstant;
import org.apache.logging.log4j.message.MapMessage;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.message.ParameterizedMessage;
import org.apache.logging.log4j.message.StringMapMessage;
import org.apache.logging.log4j.util.StringMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.logging.StackTracePrinter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the starter reads from a real Log4j2 event: time to the nanosecond, level, logger
 * and thread (empty when unknown), the message (a {@code MapMessage}'s {@code message}
 * entry when it has one), thread context entries, the fields (context data, then the map
 * message's other entries), the request's id, and the exception.
 */
class Log4j2EventReaderTests {

	private static final StackTracePrinter PRINTER = (throwable, out) -> out
		.append("printed " + throwable.getClass().getSimpleName() + ": " + throwable.getMessage());

	private final Log4j2EventReader reader = new Log4j2EventReader(null);

	@Test
	void readsTheLinesTimeToTheNanosecondLevelLoggerAndThread() {
		MutableInstant instant = new MutableInstant();
		instant.initFromEpochSecond(1_767_323_045L, 123_456_789);
		LogEvent event = builder(new ParameterizedMessage("order {} shipped", 7)).setInstant(instant)
			.setThreadName("worker-1")
			.build();
		assertThat(this.reader.instant(event)).isEqualTo(Instant.ofEpochSecond(1_767_323_045L, 123_456_789));
		assertThat(this.reader.level(event)).isEqualTo("WARN");
		assertThat(this.reader.logger(event)).isEqualTo("app.Orders");
		assertThat(this.reader.thread(event)).isEqualTo("worker-1");
		assertThat(this.reader.message(event)).isEqualTo("order 7 shipped");
	}

	@Test
	void anUnknownLoggerOrThreadIsEmptyAndAMissingMessageIsNull() {
		LogEvent event = new AbstractLogEvent() {

		};
		assertThat(event.getThreadName()).isNull();
		assertThat(this.reader.logger(event)).isEmpty();
		assertThat(this.reader.thread(event)).isEmpty();
		assertThat(this.reader.message(event)).isNull();
	}

	@Test
	void aMapMessagesMessageEntryIsTheLinesMessage() {
		StringMapMessage withMessage = new StringMapMessage().with("message", "order shipped").with("order", "7");
		StringMapMessage withoutMessage = new StringMapMessage().with("order", "7");
		assertThat(this.reader.message(builder(withMessage).build())).isEqualTo("order shipped");
		assertThat(this.reader.message(builder(withoutMessage).build())).isEqualTo(withoutMessage.getFormattedMessage())
			.contains("order");
	}

	@Test
	void readsOneContextEntryAsText() {
		LogEvent event = builder(new ParameterizedMessage("line")).setContextData(context(Map.of("tenant", "acme")))
			.build();
		StringMap data = ContextDataFactory.createContextData();
		data.putValue("attempt", 3);
		LogEvent numbered = builder(new ParameterizedMessage("line")).setContextData(data).build();
		assertThat(this.reader.mdc(event, "tenant")).isEqualTo("acme");
		assertThat(this.reader.mdc(event, "missing")).isNull();
		assertThat(this.reader.mdc(numbered, "attempt")).isEqualTo("3");
	}

	@Test
	void fieldsAreTheContextDataThenTheMapMessagesEntriesButItsMessage() {
		MapMessage<?, ?> message = new StringMapMessage().with("message", "order shipped").with("order", "7");
		LogEvent event = builder(message).setContextData(context(Map.of("tenant", "acme"))).build();
		List<String> fields = new ArrayList<>();
		this.reader.fields(event, (key, value) -> fields.add(key + "=" + value));
		assertThat(fields).containsExactly("tenant=acme", "order=7");
	}

	@Test
	void theRequestsIdIsTheStartersBeforeTheSpans() {
		LogEvent both = builder(new ParameterizedMessage("line"))
			.setContextData(
					context(Map.of(TraceContext.MDC_KEY, "ours-1", LogEventReader.MICROMETER_TRACE_ID, "span-1")))
			.build();
		LogEvent spanOnly = builder(new ParameterizedMessage("line"))
			.setContextData(context(Map.of(LogEventReader.MICROMETER_TRACE_ID, "span-2")))
			.build();
		assertThat(this.reader.traceId(both)).isEqualTo("ours-1");
		assertThat(this.reader.traceId(spanOnly)).isEqualTo("span-2");
		assertThat(this.reader.traceId(builder(new ParameterizedMessage("line")).build())).isNull();
	}

	@Test
	void aLineWithoutExceptionHasNoFailure() {
		assertThat(this.reader.failure(builder(new ParameterizedMessage("line")).build())).isNull();
	}

	@Test
	void withoutPrinterTheFailureIsTheJavaStackTraceWithCauses() {
		IllegalStateException failure = new IllegalStateException("boom", new IllegalArgumentException("root"));
		Failure read = this.reader.failure(builder(new ParameterizedMessage("failed")).setThrown(failure).build());
		assertThat(read).isNotNull();
		assertThat(read.type()).isEqualTo(IllegalStateException.class.getName());
		assertThat(read.message()).isEqualTo("boom");
		assertThat(read.stackTrace()).startsWith("java.lang.IllegalStateException: boom")
			.contains("at " + getClass().getName())
			.contains("Caused by: java.lang.IllegalArgumentException: root");
	}

	@Test
	void withPrinterTheFailureIsPrintedByIt() {
		LogEvent event = builder(new ParameterizedMessage("failed")).setThrown(new IllegalStateException(null, null))
			.build();
		Failure read = new Log4j2EventReader(PRINTER).failure(event);
		assertThat(read)
			.isEqualTo(new Failure(IllegalStateException.class.getName(), null, "printed IllegalStateException: null"));
	}

	private static Log4jLogEvent.Builder builder(@Nullable Message message) {
		return Log4jLogEvent.newBuilder().setLoggerName("app.Orders").setLevel(Level.WARN).setMessage(message);
	}

	private static StringMap context(Map<String, String> entries) {
		StringMap data = ContextDataFactory.createContextData();
		entries.forEach(data::putValue);
		return data;
	}

}
