package io.tracestarter.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.tracestarter.core.InboundSource;
import io.tracestarter.core.TraceIdGenerator;
import io.tracestarter.core.TraceIdResolver;
import io.tracestarter.core.TraceIdValidator;
import io.tracestarter.core.TraceMetrics;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Resolving the id of one inbound request: a valid X-Trace-ID, a traceparent, nothing
 * (generate), and validation alone.
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

	private final Map<String, String> withHeader = Map.of("header:X-Trace-ID", "4bf92f3577b34da6a3ce929d0e0e4736");

	private final Map<String, String> withTraceparent = Map.of("traceparent",
			"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

	private final Map<String, String> nothing = Map.of();

	@Benchmark
	public boolean validate() {
		return this.validator.isValid("4bf92f3577b34da6a3ce929d0e0e4736");
	}

	@Benchmark
	public String resolveXTraceId() {
		return this.resolver.resolve("http", (source) -> this.withHeader.get(source.toString())).traceId();
	}

	@Benchmark
	public String resolveTraceparent() {
		return this.resolver.resolve("http", (source) -> this.withTraceparent.get(source.toString())).traceId();
	}

	@Benchmark
	public String generate() {
		return this.resolver.resolve("http", (source) -> this.nothing.get(source.toString())).traceId();
	}

}
