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

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.tracestarter.core.InboundSource;
import io.tracestarter.core.Layer;
import io.tracestarter.core.TraceIdGenerator;
import io.tracestarter.core.TraceIdResolver;
import io.tracestarter.core.TraceIdValidator;
import io.tracestarter.core.TraceMetrics;
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

/**
 * Resolving the id of one inbound request: a valid X-Trace-ID, a traceparent, nothing
 * (generate), and validation alone; each call a different random id, as on real traffic.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class TraceIdBenchmark {

	private final TraceIdValidator validator = new TraceIdValidator(128);

	private final TraceIdResolver resolver = new TraceIdResolver(
			List.of(InboundSource.of("header:X-Trace-ID"), InboundSource.of("traceparent"),
					InboundSource.of("header:X-Request-ID"), InboundSource.of("query:trace_id")),
			this.validator, TraceIdGenerator.random(), new TraceMetrics());

	/**
	 * Distinct random ids in turn: one repeated id lets the branch predictor learn it.
	 */
	private final String[] ids = new String[4096];

	private final String[] traceparents = new String[this.ids.length];

	private final Map<String, String> nothing = Map.of();

	private int next;

	@Setup(Level.Trial)
	public void setUp() {
		for (int i = 0; i < this.ids.length; i++) {
			this.ids[i] = TraceIdGenerator.randomHex();
			this.traceparents[i] = "00-" + this.ids[i] + "-00f067aa0ba902b7-01";
		}
	}

	private int nextIndex() {
		this.next = (this.next + 1) & (this.ids.length - 1);
		return this.next;
	}

	@Benchmark
	public boolean validate() {
		return this.validator.isValid(this.ids[nextIndex()]);
	}

	@Benchmark
	public String resolveXTraceId() {
		String id = this.ids[nextIndex()];
		return this.resolver.resolve(Layer.HTTP, (source) -> source.name().equals("X-Trace-ID") ? id : null).traceId();
	}

	@Benchmark
	public String resolveTraceparent() {
		String traceparent = this.traceparents[nextIndex()];
		return this.resolver
			.resolve(Layer.HTTP, (source) -> (source.type() == InboundSource.Type.TRACEPARENT) ? traceparent : null)
			.traceId();
	}

	@Benchmark
	public String generate() {
		return this.resolver.resolve(Layer.HTTP, (source) -> this.nothing.get(source.toString())).traceId();
	}

}
