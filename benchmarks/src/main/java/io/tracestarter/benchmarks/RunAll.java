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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.tracestarter.benchmarks.endtoend.EndToEnd;
import io.tracestarter.kafka.KafkaConsumerThroughputBenchmark;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.WorkloadParams;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs every benchmark of the module and writes a summary against the goals of issue #8:
 * the JMH suite (2 forks, {@code -prof gc}, JSON), the end-to-end WebFlux load and the
 * start-up times. Run from the repository root after building the module (see
 * {@code benchmarks/run.sh}). The Kafka consumer throughput benchmark compares its
 * methods on a shared machine, so it runs in 4 single-fork rounds that take them in turn
 * (the order reversed every other round); the JSON has one result per method, of all its
 * forks.
 *
 * <p>
 * Options: {@code --quick} (1 fork or round, 1 warm-up and 1 measured iteration, 2 short
 * end-to-end rounds; results go to {@code benchmarks/target/quick-results} unless
 * {@code --out} says otherwise), {@code --out=DIR}, {@code --skip-jmh},
 * {@code --jmh-include=REGEX}, {@code --jmh-results=FILE,...} (summarise these JMH
 * results instead of running JMH), {@code --skip-end-to-end}, {@code --rounds=},
 * {@code --warmup-rounds=}, {@code --requests=}, {@code --concurrency=},
 * {@code --launches=}, {@code --continued-traces} (each end-to-end request brings a trace
 * of its own, {@code traceparent} and {@code X-Trace-ID} with the same trace id).
 */
public final class RunAll {

	/** Benchmarks whose methods run in alternating single-fork rounds. */
	private static final Class<?> ALTERNATED = KafkaConsumerThroughputBenchmark.class;

	private static final int ALTERNATED_ROUNDS = 4;

	private static final List<String> OPTIONS = List.of("--quick", "--skip-jmh", "--skip-end-to-end", "--out=",
			"--module-dir=", "--jmh-include=", "--jmh-results=", "--rounds=", "--warmup-rounds=", "--requests=",
			"--concurrency=", "--launches=", "--continued-traces");

	private final List<String> args;

	private RunAll(String[] args) {
		this.args = Arrays.asList(args);
		for (String arg : this.args) {
			if (OPTIONS.stream()
				.noneMatch((option) -> option.endsWith("=") ? arg.startsWith(option) : arg.equals(option))) {
				throw new IllegalArgumentException("Unknown option " + arg + "; the options are " + OPTIONS);
			}
		}
	}

	public static void main(String[] args) throws Exception {
		new RunAll(args).run();
	}

	private void run() throws Exception {
		boolean quick = flag("--quick");
		Path moduleDir = Path.of(option("--module-dir", "benchmarks"));
		if (!Files.isDirectory(moduleDir.resolve("target"))) {
			throw new IllegalStateException("Run from the repository root after building the module: "
					+ "./mvnw -q -pl benchmarks -am package -DskipTests");
		}
		Path out = Path.of(option("--out", moduleDir.resolve(quick ? "target/quick-results" : "results").toString()));
		Files.createDirectories(out);
		if (!flag("--skip-end-to-end")) {
			EndToEnd.Settings defaults = quick ? EndToEnd.Settings.quick() : EndToEnd.Settings.full();
			EndToEnd.run(moduleDir, out,
					new EndToEnd.Settings(number("--warmup-rounds", defaults.warmupRounds()),
							number("--rounds", defaults.rounds()), number("--requests", defaults.requests()),
							number("--concurrency", defaults.concurrency()), defaults.warmupLaunches(),
							number("--launches", defaults.launches()), flag("--continued-traces")));
		}
		List<Path> jmhResults = new ArrayList<>();
		String given = option("--jmh-results", null);
		if (given != null) {
			Arrays.stream(given.split(",")).map(Path::of).forEach(jmhResults::add);
		}
		else {
			Path jmhJson = out.resolve("jmh.json");
			if (!flag("--skip-jmh")) {
				runJmh(jmhJson, quick);
			}
			if (Files.exists(jmhJson)) {
				jmhResults.add(jmhJson);
			}
		}
		Summary.write(out, jmhResults);
	}

	private void runJmh(Path result, boolean quick) throws Exception {
		String include = option("--jmh-include", ".*Benchmark.*");
		List<String> alternated = Arrays.stream(ALTERNATED.getMethods())
			.filter((method) -> method.isAnnotationPresent(Benchmark.class))
			.map((method) -> ALTERNATED.getName() + "." + method.getName())
			.filter((name) -> Pattern.compile(include).matcher(name).find())
			.sorted()
			.toList();
		List<RunResult> results = new ArrayList<>();
		try {
			results.addAll(new Runner(jmhOptions(quick).include(include)
				.exclude(Pattern.quote(ALTERNATED.getName()))
				.forks(quick ? 1 : 2)
				.build()).run());
		}
		catch (NoBenchmarksException ex) {
			if (alternated.isEmpty()) {
				throw ex;
			}
		}
		// Written now as well, so a failure in the rounds below keeps these results.
		writeJson(result, results);
		if (!alternated.isEmpty()) {
			Collection<RunResult> rounds = runAlternating(alternated, quick ? 1 : ALTERNATED_ROUNDS, quick);
			ResultFormatFactory.getInstance(ResultFormatType.TEXT, System.out).writeOut(rounds);
			results.addAll(rounds);
			writeJson(result, results);
		}
	}

	private static ChainedOptionsBuilder jmhOptions(boolean quick) {
		ChainedOptionsBuilder options = new OptionsBuilder().addProfiler(GCProfiler.class);
		if (quick) {
			options.warmupIterations(1).measurementIterations(1);
		}
		return options;
	}

	/**
	 * Runs one fork of each benchmark per round, in turn, the order reversed every other
	 * round (JMH would run all forks of one before the next); each benchmark's forks are
	 * then one result, as JMH reports several forks.
	 */
	private static Collection<RunResult> runAlternating(List<String> benchmarks, int rounds, boolean quick)
			throws RunnerException {
		Map<String, List<BenchmarkResult>> forks = new LinkedHashMap<>();
		Map<String, BenchmarkParams> params = new LinkedHashMap<>();
		for (int round = 0; round < rounds; round++) {
			List<String> order = new ArrayList<>(benchmarks);
			if (round % 2 == 1) {
				Collections.reverse(order);
			}
			for (String benchmark : order) {
				RunResult run = new Runner(
						jmhOptions(quick).include("^" + Pattern.quote(benchmark) + "$").forks(1).build())
					.runSingle();
				forks.computeIfAbsent(benchmark, (key) -> new ArrayList<>()).addAll(run.getBenchmarkResults());
				params.putIfAbsent(benchmark, run.getParams());
			}
		}
		List<RunResult> merged = new ArrayList<>();
		forks.forEach(
				(benchmark, each) -> merged.add(new RunResult(withForks(params.get(benchmark), each.size()), each)));
		return merged;
	}

	/** The same parameters with the number of forks the rounds made. */
	@SuppressWarnings("unchecked")
	private static BenchmarkParams withForks(BenchmarkParams params, int forks) {
		WorkloadParams workload = new WorkloadParams();
		int order = 0;
		for (String key : params.getParamsKeys()) {
			workload.put(key, params.getParam(key), order++);
		}
		return new BenchmarkParams(params.getBenchmark(), params.generatedBenchmark(), params.shouldSynchIterations(),
				params.getThreads(), params.getThreadGroups(), params.getThreadGroupLabels(), forks,
				params.getWarmupForks(), params.getWarmup(), params.getMeasurement(), params.getMode(), workload,
				params.getTimeUnit(), params.getOpsPerInvocation(), params.getJvm(), params.getJvmArgs(),
				params.getJdkVersion(), params.getVmName(), params.getVmVersion(), params.getJmhVersion(),
				params.getTimeout());
	}

	private static void writeJson(Path file, Collection<RunResult> results) {
		ResultFormatFactory.getInstance(ResultFormatType.JSON, file.toString()).writeOut(results);
	}

	private boolean flag(String name) {
		return this.args.contains(name);
	}

	private String option(String name, String fallback) {
		return this.args.stream()
			.filter((arg) -> arg.startsWith(name + "="))
			.map((arg) -> arg.substring(name.length() + 1))
			.reduce((first, last) -> last)
			.orElse(fallback);
	}

	private int number(String name, int fallback) {
		return Integer.parseInt(option(name, Integer.toString(fallback)));
	}

}
