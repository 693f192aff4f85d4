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

import java.util.concurrent.atomic.LongAdder;

import org.apache.logging.log4j.LogManager;
import org.jspecify.annotations.Nullable;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import org.springframework.util.ClassUtils;

/**
 * The count of cut log values. Formatters are made by the logging system before the
 * application context exists, so the counter lives in the logging engine's own object
 * store (Logback's or Log4j2's logger context), where the meter binder finds it later; no
 * static state of ours. Each engine is touched only when its classes are present.
 */
final class TruncationCounter {

	static final String KEY = "io.tracestarter.logging.truncations";

	private static final boolean LOGBACK_PRESENT = ClassUtils.isPresent("ch.qos.logback.classic.LoggerContext",
			TruncationCounter.class.getClassLoader());

	private static final boolean LOG4J2_PRESENT = ClassUtils.isPresent("org.apache.logging.log4j.core.LoggerContext",
			TruncationCounter.class.getClassLoader());

	private TruncationCounter() {
	}

	static LongAdder shared() {
		LongAdder adder = find(true);
		return (adder != null) ? adder : new LongAdder();
	}

	static long count() {
		LongAdder adder = find(false);
		return (adder != null) ? adder.sum() : 0;
	}

	private static @Nullable LongAdder find(boolean create) {
		LongAdder adder = LOGBACK_PRESENT ? LogbackStore.counter(create) : null;
		return (adder == null && LOG4J2_PRESENT) ? Log4j2Store.counter(create) : adder;
	}

	private static final class LogbackStore {

		static @Nullable LongAdder counter(boolean create) {
			ILoggerFactory factory = LoggerFactory.getILoggerFactory();
			if (!(factory instanceof ch.qos.logback.classic.LoggerContext context)) {
				return null;
			}
			synchronized (context) {
				if (context.getObject(KEY) instanceof LongAdder existing) {
					return existing;
				}
				if (!create) {
					return null;
				}
				LongAdder adder = new LongAdder();
				context.putObject(KEY, adder);
				return adder;
			}
		}

	}

	private static final class Log4j2Store {

		static @Nullable LongAdder counter(boolean create) {
			if (!(LogManager.getContext(false) instanceof org.apache.logging.log4j.core.LoggerContext context)) {
				return null;
			}
			if (context.getObject(KEY) instanceof LongAdder existing) {
				return existing;
			}
			if (!create) {
				return null;
			}
			LongAdder adder = new LongAdder();
			return (context.putObjectIfAbsent(KEY, adder) instanceof LongAdder existing) ? existing : adder;
		}

	}

}
