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

import java.util.Map;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.tracestarter.core.HopEvent;
import io.tracestarter.core.Layer;
import io.tracestarter.core.RecentTraceHops;
import io.tracestarter.core.TraceHopRecorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the actuator's diagnostics cost per log line and per hop, recording on and off. In
 * the {@code logging} package because the appender is package-private.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class DiagnosticsBenchmark {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private TraceDiagnosticsAppender recordingOff;

	private TraceDiagnosticsAppender recordingOn;

	private RecentTraceHops hops;

	private LoggingEvent lineWithId;

	private LoggingEvent lineWithoutId;

	@Setup(org.openjdk.jmh.annotations.Level.Trial)
	public void setUp() {
		this.hops = new RecentTraceHops(1000, 64);
		this.hops.record(TRACE_ID, Layer.HTTP, HopEvent.IN);
		this.recordingOff = new TraceDiagnosticsAppender(
				new TraceDiagnostics(new LinesWithoutTraceId(100), TraceHopRecorder.none()));
		this.recordingOn = new TraceDiagnosticsAppender(new TraceDiagnostics(new LinesWithoutTraceId(100), this.hops));
		this.lineWithId = event(Map.of("trace_id", TRACE_ID));
		this.lineWithoutId = event(Map.of());
	}

	private static LoggingEvent event(Map<String, String> mdc) {
		LoggingEvent event = new LoggingEvent();
		event.setLoggerContext(new LoggerContext());
		event.setLoggerName("com.example.OrderService");
		event.setLevel(ch.qos.logback.classic.Level.INFO);
		event.setThreadName("pool-3-thread-17");
		event.setMessage("order placed");
		event.setMDCPropertyMap(mdc);
		event.setTimeStamp(System.currentTimeMillis());
		return event;
	}

	@Benchmark
	public void lineWithIdRecordingOff() {
		this.recordingOff.append(this.lineWithId);
	}

	@Benchmark
	public void lineWithIdRecordingOn() {
		this.recordingOn.append(this.lineWithId);
	}

	@Benchmark
	public void lineWithoutIdBreakPoint() {
		this.recordingOn.append(this.lineWithoutId);
	}

	@Benchmark
	public void hopRestoredRecordingOff() {
		TraceHopRecorder.none().restored(TRACE_ID);
	}

	@Benchmark
	public void hopRestoredRecordingOn() {
		this.hops.restored(TRACE_ID);
	}

}
