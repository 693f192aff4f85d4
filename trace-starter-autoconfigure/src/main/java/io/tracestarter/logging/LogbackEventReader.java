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
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import org.jspecify.annotations.Nullable;
import org.slf4j.event.KeyValuePair;

import org.springframework.boot.logging.StackTracePrinter;

/**
 * Reads Logback's events: MDC entries, then SLF4J 2 key-value pairs as fields.
 */
final class LogbackEventReader implements LogEventReader<ILoggingEvent> {

	private final @Nullable StackTracePrinter stackTracePrinter;

	LogbackEventReader(@Nullable StackTracePrinter stackTracePrinter) {
		this.stackTracePrinter = stackTracePrinter;
	}

	@Override
	public Instant instant(ILoggingEvent event) {
		return event.getInstant();
	}

	@Override
	public String level(ILoggingEvent event) {
		return event.getLevel().toString();
	}

	@Override
	public String logger(ILoggingEvent event) {
		return event.getLoggerName();
	}

	@Override
	public String thread(ILoggingEvent event) {
		return event.getThreadName();
	}

	@Override
	public @Nullable String message(ILoggingEvent event) {
		return event.getFormattedMessage();
	}

	@Override
	public @Nullable String mdc(ILoggingEvent event, String key) {
		Map<String, String> mdc = event.getMDCPropertyMap();
		return (mdc != null) ? mdc.get(key) : null;
	}

	@Override
	public void fields(ILoggingEvent event, BiConsumer<@Nullable String, @Nullable Object> fields) {
		Map<String, String> mdc = event.getMDCPropertyMap();
		if (mdc != null) {
			mdc.forEach(fields);
		}
		List<KeyValuePair> pairs = event.getKeyValuePairs();
		if (pairs != null) {
			for (KeyValuePair pair : pairs) {
				fields.accept(pair.key, pair.value);
			}
		}
	}

	@Override
	public @Nullable Failure failure(ILoggingEvent event) {
		IThrowableProxy proxy = event.getThrowableProxy();
		if (proxy == null) {
			return null;
		}
		String stackTrace = (this.stackTracePrinter != null && proxy instanceof ThrowableProxy throwableProxy)
				? this.stackTracePrinter.printStackTraceToString(throwableProxy.getThrowable())
				: ThrowableProxyUtil.asString(proxy);
		return new Failure(proxy.getClassName(), proxy.getMessage(), stackTrace);
	}

}
