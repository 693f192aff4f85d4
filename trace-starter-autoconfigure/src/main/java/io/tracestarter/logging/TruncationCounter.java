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
