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
import java.util.concurrent.CopyOnWriteArrayList;

import io.tracestarter.core.TraceContext;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.AppenderControl;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.impl.ContextDataFactory;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.message.SimpleMessage;
import org.apache.logging.log4j.util.StringMap;
import org.jspecify.annotations.Nullable;

/**
 * Stands between Log4j2's root logger and its appenders (the console, a file) and hands
 * each line to the {@link LineSampler}: written, held back for its request, or dropped.
 * The appenders it stands before are called through their {@link AppenderControl}s, so
 * their references' levels and filters still apply.
 */
final class Log4j2SamplingAppender extends AbstractAppender implements SampledEvents<LogEvent> {

	private final LineSampler sampler;

	private final List<Wrapped> appenders = new CopyOnWriteArrayList<>();

	private final boolean captureDebug;

	private volatile @Nullable LoggerContext context;

	Log4j2SamplingAppender(SampledRequests requests, boolean captureDebug) {
		super(SamplingAppender.NAME, null, null, true, Property.EMPTY_ARRAY);
		this.sampler = new LineSampler(requests);
		this.captureDebug = captureDebug;
		requests.writeTo(this);
	}

	void setContext(@Nullable LoggerContext context) {
		this.context = context;
	}

	void addAppender(Appender appender, @Nullable Level level, @Nullable Filter filter) {
		this.appenders.add(new Wrapped(appender, level, filter, new AppenderControl(appender, level, filter)));
	}

	List<Wrapped> appenders() {
		return List.copyOf(this.appenders);
	}

	void removeAppenders() {
		this.appenders.clear();
	}

	@Override
	public void append(LogEvent event) {
		Level level = event.getLevel();
		boolean belowLevel = this.captureDebug && level.intLevel() > Level.INFO.intLevel() && isBelowLoggerLevel(event);
		if (!this.sampler.isSampledOut(event, this, level.isMoreSpecificThan(Level.WARN), belowLevel)) {
			write(event);
		}
	}

	// Only lines the debug-capture filter let through are below their logger's level.
	private boolean isBelowLoggerLevel(LogEvent event) {
		LoggerContext loggerContext = this.context;
		if (loggerContext == null) {
			return false;
		}
		Level effective = loggerContext.getLogger(logger(event)).getLevel();
		return effective != null && event.getLevel().intLevel() > effective.intLevel();
	}

	@Override
	public void write(LogEvent event) {
		for (Wrapped appender : this.appenders) {
			appender.control().callAppender(event);
		}
	}

	@Override
	public @Nullable String traceId(LogEvent event) {
		String traceId = event.getContextData().getValue(TraceContext.MDC_KEY);
		return (traceId != null) ? traceId : event.getContextData().getValue(MICROMETER_TRACE_ID);
	}

	@Override
	public String logger(LogEvent event) {
		String name = event.getLoggerName();
		return (name != null) ? name : "";
	}

	@Override
	public Instant instant(LogEvent event) {
		org.apache.logging.log4j.core.time.Instant instant = event.getInstant();
		return Instant.ofEpochSecond(instant.getEpochSecond(), instant.getNanoOfSecond());
	}

	@Override
	public int estimatedBytes(LogEvent event) {
		long[] bytes = { 200 };
		Message message = event.getMessage();
		String text = (message != null) ? message.getFormattedMessage() : null;
		bytes[0] += (text != null) ? 2L * text.length() : 0;
		event.getContextData()
			.forEach((key, value) -> bytes[0] += 64 + 2L * key.length() + 2L * String.valueOf(value).length());
		Throwable thrown = event.getThrown();
		if (thrown != null) {
			bytes[0] += 1024 + 128L * thrown.getStackTrace().length;
		}
		return (int) Math.min(Integer.MAX_VALUE, bytes[0]);
	}

	@Override
	public LogEvent freeze(LogEvent event) {
		// Log4j2 may reuse a mutable event for the next line: hold a copy.
		return event.toImmutable();
	}

	@Override
	public LogEvent captured(LogEvent event, String reason) {
		StringMap contextData = ContextDataFactory.createContextData(event.getContextData());
		contextData.putValue(FIELD, reason);
		return new Log4jLogEvent.Builder(event).setContextData(contextData).build();
	}

	@Override
	public LogEvent overflowMarker(String traceId, String message, Instant firstLost) {
		StringMap contextData = ContextDataFactory.createContextData(2);
		contextData.putValue(TraceContext.MDC_KEY, traceId);
		contextData.putValue(FIELD, OVERFLOW);
		return Log4jLogEvent.newBuilder()
			.setLoggerName(MARKER_LOGGER)
			.setLevel(Level.WARN)
			.setMessage(new SimpleMessage(message))
			.setThreadName(Thread.currentThread().getName())
			.setTimeMillis(firstLost.toEpochMilli())
			.setContextData(contextData)
			.build();
	}

	/**
	 * An appender of the root logger's, with its reference's level and filter.
	 *
	 * @param appender the appender
	 * @param level the reference's level
	 * @param filter the reference's filter
	 * @param control how the appender is called
	 */
	record Wrapped(Appender appender, @Nullable Level level, @Nullable Filter filter, AppenderControl control) {
	}

}
