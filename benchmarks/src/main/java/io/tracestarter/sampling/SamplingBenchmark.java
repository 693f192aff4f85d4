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

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.tracestarter.autoconfigure.TraceProperties;
import io.tracestarter.core.RequestSampling.Kind;
import io.tracestarter.core.RequestSampling.Request;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What log sampling costs per line, in front of an appender that writes nothing: a line
 * with sampling off (the appender alone), a line of a request its rule keeps, and a line
 * of a sampled-out request (held, then discarded when the request ends well; measured
 * over a request of 10 lines, begin and end included).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class SamplingBenchmark {

	private static final String KEPT_ID = "4bf92f3577b34da60000000000000001";

	private static final String DROPPED_ID = "4bf92f3577b34da67fffffffffffffff";

	private SinkAppender sink;

	private SamplingAppender sampling;

	private SampledRequests requests;

	private LoggingEvent keptLine;

	private LoggingEvent droppedLine;

	@Setup
	public void setUp(Blackhole blackhole) {
		LoggerContext context = new LoggerContext();
		this.sink = new SinkAppender(blackhole);
		this.sink.setContext(context);
		this.sink.start();
		TraceProperties.Sampling properties = new TraceProperties.Sampling();
		TraceProperties.Sampling.Rule rule = new TraceProperties.Sampling.Rule();
		rule.setRoute("/orders/**");
		rule.setRate(0.5);
		properties.setRules(List.of(rule));
		SamplingCounters counters = new SamplingCounters();
		this.requests = new SampledRequests(SamplingRules.of(properties, counters),
				SampledRequests.Limits.of(properties.getBuffer()), counters, System::nanoTime);
		this.sampling = new SamplingAppender(this.requests, false);
		this.sampling.setContext(context);
		this.sampling.addAppender(this.sink);
		this.sampling.start();
		this.keptLine = line(context, KEPT_ID);
		this.droppedLine = line(context, DROPPED_ID);
		// The benchmark is meaningless unless the two ids fall on either side of 0.5.
		Request kept = this.requests.begin(KEPT_ID, Kind.ROUTE, "/orders/1");
		Request dropped = this.requests.begin(DROPPED_ID, Kind.ROUTE, "/orders/1");
		dropped.end(false);
		if (kept != Request.NONE || dropped == Request.NONE) {
			throw new IllegalStateException("The ids do not fall on either side of the rate");
		}
	}

	private static LoggingEvent line(LoggerContext context, String traceId) {
		LoggingEvent event = new LoggingEvent();
		event.setLoggerContext(context);
		event.setLoggerName("com.example.orders.OrderController");
		event.setLevel(Level.INFO);
		event.setMessage("order 42 prepared for customer 7");
		event.setThreadName("reactor-http-epoll-1");
		event.setTimeStamp(System.currentTimeMillis());
		event.setMDCPropertyMap(Map.of("trace_id", traceId));
		return event;
	}

	@Benchmark
	public void samplingOff() {
		this.sink.doAppend(this.keptLine);
	}

	@Benchmark
	public void keptLine() {
		this.sampling.doAppend(this.keptLine);
	}

	@Benchmark
	@OperationsPerInvocation(10)
	public void sampledOutLine() {
		Request request = this.requests.begin(DROPPED_ID, Kind.ROUTE, "/orders/1");
		for (int i = 0; i < 10; i++) {
			this.sampling.doAppend(this.droppedLine);
		}
		request.end(false);
	}

	/** Stands for the console: hands each event to the black hole. */
	static final class SinkAppender extends AppenderBase<ILoggingEvent> {

		private final Blackhole blackhole;

		SinkAppender(Blackhole blackhole) {
			this.blackhole = blackhole;
		}

		@Override
		protected void append(ILoggingEvent event) {
			this.blackhole.consume(event);
		}

	}

}
