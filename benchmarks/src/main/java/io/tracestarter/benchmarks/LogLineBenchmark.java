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

import java.util.Map;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.tracestarter.logging.TraceJsonStructuredLogFormatter;
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

import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;

/**
 * One JSON log line: the starter's format carrying trace_id and span_id, against Boot's
 * ECS format with the same keys in the MDC; and Boot's ECS line as an application with
 * the starter gets it, by the starter's ECS formatter (today's way) and by Boot's renames
 * (the way it falls back to when the user has logging.structured.json settings). All
 * through Boot's own encoder.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class LogLineBenchmark {

	private static final String STARTER_ECS = "io.tracestarter.logging.LogbackEcsStructuredLogFormatter";

	private StructuredLogEncoder starter;

	private StructuredLogEncoder ecs;

	private StructuredLogEncoder ecsWithRenames;

	private StructuredLogEncoder starterEcs;

	private LoggingEvent event;

	@Setup
	public void setUp() {
		LoggerContext context = new LoggerContext();
		MockEnvironment environment = new MockEnvironment().withProperty("spring.application.name", "orders");
		context.putObject(Environment.class.getName(), environment);
		this.starter = encoder(context, TraceJsonStructuredLogFormatter.class.getName());
		this.ecs = encoder(context, "ecs");
		// ECS with the renames the starter sets for it: with any
		// logging.structured.json.*
		// setting, Boot 4.1 runs a path filter and a name processor on every member.
		this.ecsWithRenames = encoder(contextWith(Map.of("logging.structured.json.rename[trace_id]", "trace.id",
				"logging.structured.json.rename[spanId]", "span.id")), "ecs");
		// What logging.structured.format.console=ecs becomes with the starter.
		this.starterEcs = encoder(context, STARTER_ECS);
		this.event = new LoggingEvent();
		this.event.setLoggerContext(context);
		this.event.setLoggerName("com.example.OrderService");
		this.event.setLevel(Level.INFO);
		this.event.setThreadName("reactor-http-epoll-2");
		this.event.setMessage("order 4711 placed for customer 42");
		this.event.setMDCPropertyMap(Map.of("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736", "spanId",
				"00f067aa0ba902b7", "traceId", "4bf92f3577b34da6a3ce929d0e0e4736"));
		this.event.setTimeStamp(System.currentTimeMillis());
	}

	private static LoggerContext contextWith(Map<String, String> properties) {
		LoggerContext context = new LoggerContext();
		MockEnvironment environment = new MockEnvironment().withProperty("spring.application.name", "orders");
		properties.forEach(environment::setProperty);
		context.putObject(Environment.class.getName(), environment);
		return context;
	}

	private static StructuredLogEncoder encoder(LoggerContext context, String format) {
		StructuredLogEncoder encoder = new StructuredLogEncoder();
		encoder.setContext(context);
		encoder.setFormat(format);
		encoder.start();
		return encoder;
	}

	@Benchmark
	public byte[] starterJsonLine() {
		return this.starter.encode(this.event);
	}

	@Benchmark
	public byte[] bootEcsLine() {
		return this.ecs.encode(this.event);
	}

	@Benchmark
	public byte[] starterEcsLine() {
		return this.starterEcs.encode(this.event);
	}

	@Benchmark
	public byte[] bootEcsLineWithRenames() {
		return this.ecsWithRenames.encode(this.event);
	}

}
