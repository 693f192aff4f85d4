package io.tracestarter.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.tracestarter.benchmarks.endtoend.EndToEnd;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs every benchmark of the module and writes a summary against the goals of issue #8:
 * the JMH suite (2 forks, {@code -prof gc}, JSON), the end-to-end WebFlux load and the
 * start-up times. Run from the repository root after building the module (see
 * {@code benchmarks/run.sh}).
 *
 * <p>Options: {@code --quick} (1 fork, 1 warm-up and 1 measured iteration, 2 short
 * end-to-end rounds; results go to {@code benchmarks/target/quick-results} unless
 * {@code --out} says otherwise), {@code --out=DIR}, {@code --skip-jmh},
 * {@code --jmh-include=REGEX}, {@code --jmh-results=FILE,...} (summarise these JMH
 * results instead of running JMH), {@code --skip-end-to-end}, {@code --rounds=},
 * {@code --warmup-rounds=}, {@code --requests=}, {@code --concurrency=},
 * {@code --launches=}.
 */
public final class RunAll {

	private static final List<String> OPTIONS = List.of("--quick", "--skip-jmh", "--skip-end-to-end", "--out=",
			"--module-dir=", "--jmh-include=", "--jmh-results=", "--rounds=", "--warmup-rounds=", "--requests=",
			"--concurrency=", "--launches=");

	private final List<String> args;

	private RunAll(String[] args) {
		this.args = Arrays.asList(args);
		for (String arg : this.args) {
			if (OPTIONS.stream().noneMatch((option) -> option.endsWith("=") ? arg.startsWith(option) : arg.equals(option))) {
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
			EndToEnd.run(moduleDir, out, new EndToEnd.Settings(number("--warmup-rounds", defaults.warmupRounds()),
					number("--rounds", defaults.rounds()), number("--requests", defaults.requests()),
					number("--concurrency", defaults.concurrency()), defaults.warmupLaunches(),
					number("--launches", defaults.launches())));
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
		ChainedOptionsBuilder options = new OptionsBuilder().include(option("--jmh-include", ".*Benchmark.*"))
			.addProfiler(GCProfiler.class)
			.forks(quick ? 1 : 2)
			.resultFormat(ResultFormatType.JSON)
			.result(result.toString());
		if (quick) {
			options.warmupIterations(1).measurementIterations(1);
		}
		new Runner(options.build()).run();
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
