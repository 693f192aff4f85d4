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

import io.micrometer.context.ContextRegistry;
import io.tracestarter.core.TraceContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

/**
 * A Reactor chain of 5 operators and 2 scheduler hops: without any hook ({@code none});
 * with Reactor's automatic context propagation on and nothing of the starter's in the
 * context ({@code floor}, what any library that switches the mode on costs); with one
 * value of another library in the context, written by a {@code contextWrite} at the same
 * place, and only that library's accessor registered ({@code carrier}, what carrying any
 * one value costs); and with the starter's setting (automatic context propagation on, the
 * trace id in the context, {@code starter}). Each parameter value runs in its own JVM
 * fork, as the hook is process-wide.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(2)
public class ReactorChainBenchmark {

	static final int ELEMENTS = 1000;

	private static final String CARRIED_KEY = "benchmark.carried";

	private static final String VALUE = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final ThreadLocal<String> CARRIED = new ThreadLocal<>();

	@Param({ "none", "floor", "carrier", "starter" })
	public String setup;

	private Scheduler first;

	private Scheduler second;

	@Setup(Level.Trial)
	public void setUp() {
		if (!this.setup.equals("none")) {
			Hooks.enableAutomaticContextPropagation();
		}
		if (this.setup.equals("carrier")) {
			// Another library's one value in place of ours: its accessor only, none of
			// the starter's.
			ContextRegistry registry = ContextRegistry.getInstance();
			registry.removeThreadLocalAccessor(TraceContext.CONTEXT_KEY);
			registry.registerThreadLocalAccessor(CARRIED_KEY, CARRIED::get, CARRIED::set, CARRIED::remove);
		}
		this.first = Schedulers.newSingle("first");
		this.second = Schedulers.newSingle("second");
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.first.dispose();
		this.second.dispose();
		Hooks.disableAutomaticContextPropagation();
	}

	@Benchmark
	public Integer chain() {
		Mono<Integer> chain = Mono.just(1)
			.map((value) -> value + 1)
			.publishOn(this.first)
			.filter((value) -> value > 0)
			.map((value) -> value * 2)
			.publishOn(this.second)
			.flatMap((value) -> Mono.just(value + 1))
			.map((value) -> value - 1);
		return chain.contextWrite(this::withValue).block();
	}

	/**
	 * The same chain carrying {@value #ELEMENTS} elements per subscription: the scheduler
	 * threads stay busy, so the per-signal cost of the hooks shows rather than the
	 * wake-up time of parked threads, which dominates (and scatters) the one-element
	 * chain.
	 * @return the last element
	 */
	@Benchmark
	@OperationsPerInvocation(ELEMENTS)
	public Integer chainOfElements() {
		Flux<Integer> chain = Flux.range(0, ELEMENTS)
			.map((value) -> value + 1)
			.publishOn(this.first)
			.filter((value) -> value > 0)
			.map((value) -> value * 2)
			.publishOn(this.second)
			.concatMap((value) -> Mono.just(value + 1))
			.map((value) -> value - 1);
		return chain.contextWrite(this::withValue).blockLast();
	}

	// The starter's id, or the other library's value, written around the whole chain as
	// the starter's web filter writes the id; nothing for "none" and "floor". Every setup
	// pays the same contextWrite operator.
	private Context withValue(Context context) {
		return switch (this.setup) {
			case "starter" -> context.put(TraceContext.CONTEXT_KEY, VALUE);
			case "carrier" -> context.put(CARRIED_KEY, VALUE);
			default -> context;
		};
	}

}
