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

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * The count of cut log values. Formatters are made by the logging system before the
 * application context exists, so the counter lives in the Logback context's object store,
 * where the meter binder finds it later; no static state of ours.
 */
final class TruncationCounter {

	static final String KEY = "io.tracestarter.logging.truncations";

	private TruncationCounter() {
	}

	static LongAdder shared() {
		ILoggerFactory factory = LoggerFactory.getILoggerFactory();
		if (!(factory instanceof LoggerContext context)) {
			return new LongAdder();
		}
		synchronized (context) {
			Object existing = context.getObject(KEY);
			if (existing instanceof LongAdder adder) {
				return adder;
			}
			LongAdder adder = new LongAdder();
			context.putObject(KEY, adder);
			return adder;
		}
	}

	static long count() {
		ILoggerFactory factory = LoggerFactory.getILoggerFactory();
		return (factory instanceof LoggerContext context && context.getObject(KEY) instanceof LongAdder adder)
				? adder.sum() : 0;
	}

}
