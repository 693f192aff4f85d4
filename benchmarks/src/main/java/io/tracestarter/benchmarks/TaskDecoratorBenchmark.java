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

import java.util.concurrent.TimeUnit;

import io.tracestarter.async.TraceTaskDecorator;
import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceScope;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import org.springframework.core.task.support.ContextPropagatingTaskDecorator;

/**
 * The cost of one executor hop's decoration: decorate on the submitting thread while a
 * trace id is current, then run where none is (as on a pool thread). Both happen on the
 * benchmark thread, so queueing is not measured; the submitter's scope is opened and
 * closed around each decoration, and {@link #submitterScopeOnly()} measures that alone.
 * Compared with no decoration and with Spring's {@code ContextPropagatingTaskDecorator},
 * which carries every registered thread-local (ours included).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class TaskDecoratorBenchmark {

	private final TraceTaskDecorator traceDecorator = new TraceTaskDecorator();

	private final ContextPropagatingTaskDecorator contextPropagatingDecorator = new ContextPropagatingTaskDecorator();

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private Blackhole blackhole;

	private Runnable task;

	@Setup(Level.Trial)
	public void setUp(Blackhole blackhole) {
		this.blackhole = blackhole;
		this.task = () -> this.blackhole.consume(TraceContext.currentTraceId());
	}

	@Benchmark
	public void undecorated() {
		Runnable submitted;
		try (TraceScope scope = TraceContext.open(TRACE_ID)) {
			submitted = this.task;
		}
		submitted.run();
	}

	@Benchmark
	public void submitterScopeOnly() {
		try (TraceScope scope = TraceContext.open(TRACE_ID)) {
			this.blackhole.consume(scope);
		}
	}

	@Benchmark
	public void traceTaskDecorator() {
		Runnable submitted;
		try (TraceScope scope = TraceContext.open(TRACE_ID)) {
			submitted = this.traceDecorator.decorate(this.task);
		}
		submitted.run();
	}

	@Benchmark
	public void contextPropagatingTaskDecorator() {
		Runnable submitted;
		try (TraceScope scope = TraceContext.open(TRACE_ID)) {
			submitted = this.contextPropagatingDecorator.decorate(this.task);
		}
		submitted.run();
	}

}
