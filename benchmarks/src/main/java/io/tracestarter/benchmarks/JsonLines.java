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

package io.tracestarter.benchmarks;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import io.tracestarter.logging.TraceJsonStructuredLogFormatter;
import org.slf4j.LoggerFactory;

import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;

/**
 * Loggers for handlers that write one JSON line per call, as the services the starter is
 * for do: N's lines in Boot's ECS format, S's in the starter's. Each logger has its own
 * Logback appender with Boot's encoder, writing to a stream that drops the bytes, so a
 * line costs what it costs in an application, less the disk (and the scan for the
 * {@code trace_id} member that checks each line).
 */
public final class JsonLines {

	private static final Map<String, JsonLines> CREATED = new HashMap<>();

	private final org.slf4j.Logger logger;

	private final LineCount lines;

	private JsonLines(org.slf4j.Logger logger, LineCount lines) {
		this.logger = logger;
		this.lines = lines;
	}

	/**
	 * Return the logger to write with.
	 * @return the logger
	 */
	public org.slf4j.Logger logger() {
		return this.logger;
	}

	/**
	 * Check that lines were written and that the checked ones all carry a trace id, or
	 * none does: a benchmark proves its handlers really logged, in its variant's format.
	 * @param traced whether the lines should carry a trace id
	 * @throws IllegalStateException when they do not
	 */
	public void verify(boolean traced) {
		long checked = this.lines.checked;
		long withId = this.lines.traced;
		if (checked == 0 || withId != (traced ? checked : 0)) {
			throw new IllegalStateException(withId + " of " + checked + " checked lines carry a trace id; expected "
					+ (traced ? "all" : "none") + " of at least one");
		}
	}

	/**
	 * Set up the logger {@code name} of this JVM's Logback context, writing at INFO
	 * through its own appender only; the same one again when asked again (JMH may make a
	 * state object more than once in a JVM).
	 * @param name the logger name, used for nothing else
	 * @param starter {@code true} for the starter's format, {@code false} for Boot's ECS
	 * @return the logger and its line count
	 */
	public static synchronized JsonLines create(String name, boolean starter) {
		return CREATED.computeIfAbsent(name, (key) -> setUp(name, starter));
	}

	private static JsonLines setUp(String name, boolean starter) {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		if (context.getObject(Environment.class.getName()) == null) {
			context.putObject(Environment.class.getName(),
					new MockEnvironment().withProperty("spring.application.name", "orders"));
		}
		Logger logger = context.getLogger(name);
		if (logger.iteratorForAppenders().hasNext()) {
			throw new IllegalStateException("Logger " + name + " is set up already");
		}
		LineCount lines = new LineCount();
		StructuredLogEncoder encoder = new StructuredLogEncoder();
		encoder.setContext(context);
		encoder.setFormat(starter ? TraceJsonStructuredLogFormatter.class.getName() : "ecs");
		encoder.start();
		OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
		appender.setContext(context);
		appender.setName(name);
		appender.setEncoder(encoder);
		appender.setOutputStream(lines);
		appender.start();
		logger.addAppender(appender);
		logger.setLevel(Level.INFO);
		logger.setAdditive(false);
		return new JsonLines(logger, lines);
	}

	/**
	 * Drops the bytes and counts the lines (the appender writes each encoded event whole,
	 * one write per line); one line in 1,024 is checked for a {@code trace_id} member, so
	 * the check costs next to nothing per line.
	 */
	private static final class LineCount extends OutputStream {

		private static final byte[] TRACE_ID = "\"trace_id\":\"".getBytes(StandardCharsets.US_ASCII);

		private volatile long lines;

		private volatile long checked;

		private volatile long traced;

		@Override
		public void write(int b) {
			throw new UnsupportedOperationException("The appender writes whole lines");
		}

		// Called under the appender's lock: one writer at a time.
		@Override
		public void write(byte[] bytes, int offset, int length) {
			long line = this.lines + 1;
			this.lines = line;
			if ((line & 1023) == 1) {
				this.checked = this.checked + 1;
				if (contains(bytes, offset, length)) {
					this.traced = this.traced + 1;
				}
			}
		}

		private static boolean contains(byte[] bytes, int offset, int length) {
			int last = offset + length - TRACE_ID.length;
			for (int i = offset; i <= last; i++) {
				if (Arrays.equals(bytes, i, i + TRACE_ID.length, TRACE_ID, 0, TRACE_ID.length)) {
					return true;
				}
			}
			return false;
		}

	}

}
