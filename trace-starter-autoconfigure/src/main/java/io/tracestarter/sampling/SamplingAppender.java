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
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.spi.AppenderAttachableImpl;
import io.tracestarter.core.TraceContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.event.KeyValuePair;

/**
 * Stands between Logback's root logger and its appenders (the console, a file) and hands
 * each line to the {@link LineSampler}: written, held back for its request, or dropped.
 */
final class SamplingAppender extends UnsynchronizedAppenderBase<ILoggingEvent>
		implements AppenderAttachable<ILoggingEvent>, SampledEvents<ILoggingEvent> {

	static final String NAME = "TRACE_STARTER_SAMPLING";

	private final AppenderAttachableImpl<ILoggingEvent> appenders = new AppenderAttachableImpl<>();

	private final LineSampler sampler;

	private final boolean captureDebug;

	SamplingAppender(SampledRequests requests, boolean captureDebug) {
		this.sampler = new LineSampler(requests);
		this.captureDebug = captureDebug;
		setName(NAME);
		requests.writeTo(this);
	}

	@Override
	protected void append(ILoggingEvent event) {
		Level level = event.getLevel();
		boolean belowLevel = this.captureDebug && level.levelInt < Level.INFO_INT && isBelowLoggerLevel(event);
		if (!this.sampler.isSampledOut(event, this, level.levelInt >= Level.WARN_INT, belowLevel)) {
			write(event);
		}
	}

	// Only lines the debug-capture filter let through are below their logger's level.
	private boolean isBelowLoggerLevel(ILoggingEvent event) {
		if (getContext() instanceof LoggerContext context) {
			Level effective = context.getLogger(event.getLoggerName()).getEffectiveLevel();
			return event.getLevel().levelInt < effective.levelInt;
		}
		return false;
	}

	@Override
	public @Nullable String traceId(ILoggingEvent event) {
		Map<String, String> mdc = event.getMDCPropertyMap();
		if (mdc == null || mdc.isEmpty()) {
			return null;
		}
		String traceId = mdc.get(TraceContext.MDC_KEY);
		return (traceId != null) ? traceId : mdc.get(MICROMETER_TRACE_ID);
	}

	@Override
	public String logger(ILoggingEvent event) {
		return event.getLoggerName();
	}

	@Override
	public Instant instant(ILoggingEvent event) {
		return event.getInstant();
	}

	@Override
	public ILoggingEvent freeze(ILoggingEvent event) {
		event.prepareForDeferredProcessing();
		return event;
	}

	@Override
	public ILoggingEvent captured(ILoggingEvent event, String reason) {
		return CapturedLine.copy(event, reason);
	}

	@Override
	public ILoggingEvent overflowMarker(String traceId, String message, Instant firstLost) {
		return CapturedLine.overflowMarker(traceId, message, firstLost);
	}

	/**
	 * What a held line costs, roughly: the event, its message, MDC and key-value pairs as
	 * UTF-16, and an exception's frames.
	 */
	@Override
	public int estimatedBytes(ILoggingEvent event) {
		long bytes = 200;
		String message = event.getFormattedMessage();
		bytes += (message != null) ? 2L * message.length() : 0;
		Map<String, String> mdc = event.getMDCPropertyMap();
		if (mdc != null) {
			for (Map.Entry<String, String> entry : mdc.entrySet()) {
				bytes += 64 + 2L * length(entry.getKey()) + 2L * length(entry.getValue());
			}
		}
		List<KeyValuePair> pairs = event.getKeyValuePairs();
		if (pairs != null) {
			for (KeyValuePair pair : pairs) {
				bytes += 64 + 2L * length(pair.key) + 2L * length(String.valueOf(pair.value));
			}
		}
		if (event.getThrowableProxy() != null) {
			bytes += 1024 + 128L * event.getThrowableProxy().getStackTraceElementProxyArray().length;
		}
		return (int) Math.min(Integer.MAX_VALUE, bytes);
	}

	private static int length(String value) {
		return (value != null) ? value.length() : 0;
	}

	@Override
	public void write(ILoggingEvent event) {
		this.appenders.appendLoopOnAppenders(event);
	}

	@Override
	public void addAppender(Appender<ILoggingEvent> appender) {
		this.appenders.addAppender(appender);
	}

	@Override
	public Iterator<Appender<ILoggingEvent>> iteratorForAppenders() {
		return this.appenders.iteratorForAppenders();
	}

	@Override
	public Appender<ILoggingEvent> getAppender(String name) {
		return this.appenders.getAppender(name);
	}

	@Override
	public boolean isAttached(Appender<ILoggingEvent> appender) {
		return this.appenders.isAttached(appender);
	}

	@Override
	public void detachAndStopAllAppenders() {
		this.appenders.detachAndStopAllAppenders();
	}

	@Override
	public boolean detachAppender(Appender<ILoggingEvent> appender) {
		return this.appenders.detachAppender(appender);
	}

	@Override
	public boolean detachAppender(String name) {
		return this.appenders.detachAppender(name);
	}

}
