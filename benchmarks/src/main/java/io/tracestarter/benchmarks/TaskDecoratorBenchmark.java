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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import org.springframework.core.task.support.ContextPropagatingTaskDecorator;

/**
 * The cost of one executor hop's decoration: decorate on the submitting thread, run on
 * the worker (here the same thread, so only the decoration is measured, not queueing).
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

	private TraceScope scope;

	private Blackhole blackhole;

	private Runnable task;

	@Setup(Level.Trial)
	public void openRequestScope(Blackhole blackhole) {
		this.blackhole = blackhole;
		this.task = () -> this.blackhole.consume(TraceContext.currentTraceId());
		this.scope = TraceContext.open("4bf92f3577b34da6a3ce929d0e0e4736");
	}

	@TearDown(Level.Trial)
	public void closeRequestScope() {
		this.scope.close();
	}

	@Benchmark
	public void undecorated() {
		this.task.run();
	}

	@Benchmark
	public void traceTaskDecorator() {
		this.traceDecorator.decorate(this.task).run();
	}

	@Benchmark
	public void contextPropagatingTaskDecorator() {
		this.contextPropagatingDecorator.decorate(this.task).run();
	}

}
