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

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.function.BiConsumer;

import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.message.MapMessage;
import org.apache.logging.log4j.message.Message;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.logging.StackTracePrinter;

/**
 * Reads Log4j2's events: thread context entries (where Log4j's SLF4J 2 bridge also puts
 * SLF4J key-value pairs), then the entries of a {@link MapMessage} (Log4j's own key-value
 * messages, {@code StringMapMessage} included) as fields. A {@code MapMessage}'s
 * {@code message} entry is the line's message.
 */
final class Log4j2EventReader implements LogEventReader<LogEvent> {

	private static final String MESSAGE_KEY = "message";

	private final @Nullable StackTracePrinter stackTracePrinter;

	Log4j2EventReader(@Nullable StackTracePrinter stackTracePrinter) {
		this.stackTracePrinter = stackTracePrinter;
	}

	@Override
	public Instant instant(LogEvent event) {
		org.apache.logging.log4j.core.time.Instant instant = event.getInstant();
		return Instant.ofEpochSecond(instant.getEpochSecond(), instant.getNanoOfSecond());
	}

	@Override
	public String level(LogEvent event) {
		return event.getLevel().name();
	}

	@Override
	public String logger(LogEvent event) {
		String name = event.getLoggerName();
		return (name != null) ? name : "";
	}

	@Override
	public String thread(LogEvent event) {
		String name = event.getThreadName();
		return (name != null) ? name : "";
	}

	@Override
	public @Nullable String message(LogEvent event) {
		Message message = event.getMessage();
		if (message == null) {
			return null;
		}
		if (message instanceof MapMessage<?, ?> map && map.containsKey(MESSAGE_KEY)) {
			return map.get(MESSAGE_KEY);
		}
		return message.getFormattedMessage();
	}

	@Override
	public @Nullable String mdc(LogEvent event, String key) {
		Object value = event.getContextData().getValue(key);
		return (value != null) ? value.toString() : null;
	}

	@Override
	public void fields(LogEvent event, BiConsumer<@Nullable String, @Nullable Object> fields) {
		event.getContextData().<Object>forEach(fields::accept);
		if (event.getMessage() instanceof MapMessage<?, ?> map) {
			map.<Object>forEach((key, value) -> {
				if (!MESSAGE_KEY.equals(key)) {
					fields.accept(key, value);
				}
			});
		}
	}

	@Override
	public @Nullable Failure failure(LogEvent event) {
		Throwable thrown = event.getThrown();
		if (thrown == null) {
			return null;
		}
		return new Failure(thrown.getClass().getName(), thrown.getMessage(), stackTrace(thrown));
	}

	private String stackTrace(Throwable thrown) {
		if (this.stackTracePrinter != null) {
			return this.stackTracePrinter.printStackTraceToString(thrown);
		}
		StringWriter out = new StringWriter();
		thrown.printStackTrace(new PrintWriter(out));
		return out.toString();
	}

}
