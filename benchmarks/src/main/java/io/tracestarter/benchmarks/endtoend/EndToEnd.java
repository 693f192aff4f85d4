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

package io.tracestarter.benchmarks.endtoend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * The end-to-end run: every variant of the WebFlux app under the same load, one round
 * after another in a rotating order, then their start-up times, launch after launch.
 * Writes {@code end-to-end.json} and {@code end-to-end.md}.
 */
public final class EndToEnd {

	private static final Gson gson = new GsonBuilder().setPrettyPrinting()
		.disableHtmlEscaping()
		.serializeSpecialFloatingPointValues()
		.create();

	private static final Pattern BOOT_STARTED = Pattern.compile("Started \\w+ in ([0-9.]+) seconds");

	private static final Variant[] VARIANTS = Variant.values();

	private final Path moduleDir;

	private final Settings settings;

	private final Path logs;

	private final Map<Variant, Series> series = new EnumMap<>(Variant.class);

	private EndToEnd(Path moduleDir, Settings settings) {
		this.moduleDir = moduleDir;
		this.settings = settings;
		this.logs = moduleDir.resolve("target").resolve("end-to-end").resolve("logs");
		for (Variant variant : VARIANTS) {
			this.series.put(variant, new Series(settings));
		}
	}

	/** Runs both parts and writes their results into {@code outDir}. */
	public static void run(Path moduleDir, Path outDir, Settings settings) throws IOException, InterruptedException {
		EndToEnd run = new EndToEnd(moduleDir, settings);
		String loadBefore = loadAverage();
		String started = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
		long begin = System.nanoTime();
		run.load();
		run.startup();
		double minutes = (System.nanoTime() - begin) / 60e9;
		JsonObject results = run.results(started, loadBefore, loadAverage(), minutes);
		Files.createDirectories(outDir);
		Files.writeString(outDir.resolve("end-to-end.json"), gson.toJson(results) + "\n");
		Files.writeString(outDir.resolve("end-to-end.md"), Report.markdown(results));
		System.out.println("end-to-end: wrote " + outDir.resolve("end-to-end.md"));
	}

	private void load() throws IOException, InterruptedException {
		double ticksPerSecond = clockTicksPerSecond();
		Map<Variant, AppProcess> apps = new EnumMap<>(Variant.class);
		Map<Variant, LoadClient> clients = new EnumMap<>(Variant.class);
		try {
			for (Variant variant : VARIANTS) {
				Path log = this.logs.resolve("load-" + variant.name() + ".log");
				Files.deleteIfExists(log);
				AppProcess app = AppProcess.start(variant, this.moduleDir, log, true);
				apps.put(variant, app);
				app.awaitFirstResponse(Duration.ofMinutes(2));
				clients.put(variant,
						new LoadClient(app.uri("/work"), this.settings.concurrency(), this.settings.continuedTraces()));
			}
			for (int round = 0; round < this.settings.warmupRounds(); round++) {
				for (Variant variant : VARIANTS) {
					LoadClient.Outcome outcome = clients.get(variant).run(this.settings.requests());
					System.out.printf("end-to-end warm-up %d %-3s %8.0f req/s%n", round + 1, variant.label,
							this.settings.requests() / outcome.seconds());
				}
			}
			for (AppProcess app : apps.values()) {
				LogCheck.truncate(app.log);
			}
			for (int round = 0; round < this.settings.rounds(); round++) {
				for (int position = 0; position < VARIANTS.length; position++) {
					Variant variant = VARIANTS[(round + position) % VARIANTS.length];
					measure(apps.get(variant), clients.get(variant), round, position, ticksPerSecond);
				}
				// Between rounds, so reading the logs is not measured.
				for (AppProcess app : apps.values()) {
					this.series.get(app.variant).lines.scanAndTruncate(app.log);
				}
			}
		}
		finally {
			for (AppProcess app : apps.values()) {
				app.close();
			}
		}
	}

	private void measure(AppProcess app, LoadClient client, int round, int position, double ticksPerSecond)
			throws IOException, InterruptedException {
		int requests = this.settings.requests();
		long allocatedBefore = app.allocatedBytes();
		long ticksBefore = app.cpuTicks();
		LoadClient.Outcome outcome = client.run(requests);
		long ticksAfter = app.cpuTicks();
		long allocatedAfter = app.allocatedBytes();
		Series series = this.series.get(app.variant);
		series.throughput[round] = requests / outcome.seconds();
		series.cpuMicros[round] = (ticksAfter - ticksBefore) / ticksPerSecond * 1e6 / requests;
		series.allocatedBytes[round] = (double) (allocatedAfter - allocatedBefore) / requests;
		series.failures[round] = outcome.failures();
		series.positions[round] = position + 1;
		System.out.printf("end-to-end round %d %-3s %8.0f req/s %7.1f us CPU/req %8.0f B/req%s%n", round + 1,
				app.variant.label, series.throughput[round], series.cpuMicros[round], series.allocatedBytes[round],
				(outcome.failures() > 0) ? " " + outcome.failures() + " FAILED" : "");
	}

	private void startup() throws IOException, InterruptedException {
		for (int launch = -this.settings.warmupLaunches(); launch < this.settings.launches(); launch++) {
			for (int position = 0; position < VARIANTS.length; position++) {
				Variant variant = VARIANTS[Math.floorMod(launch + position, VARIANTS.length)];
				Path log = this.logs.resolve("startup-" + variant.name() + ".log");
				double millis;
				try (AppProcess app = AppProcess.start(variant, this.moduleDir, log, false)) {
					millis = app.awaitFirstResponse(Duration.ofMinutes(2));
				}
				Matcher started = BOOT_STARTED.matcher(Files.readString(log));
				double bootSeconds = started.find() ? Double.parseDouble(started.group(1)) : Double.NaN;
				System.out.printf("start-up %s %-3s %6.0f ms to the first response, Boot: %.3f s%n",
						(launch < 0) ? "warm-up" : Integer.toString(launch + 1), variant.label, millis, bootSeconds);
				if (launch >= 0) {
					this.series.get(variant).startupMillis[launch] = millis;
					this.series.get(variant).bootSeconds[launch] = bootSeconds;
				}
			}
		}
	}

	private JsonObject results(String started, String loadBefore, String loadAfter, double minutes) {
		JsonObject results = new JsonObject();
		results.addProperty("started", started);
		results.addProperty("minutes", Math.round(minutes * 10) / 10.0);
		results.addProperty("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
		results.addProperty("processors", Runtime.getRuntime().availableProcessors());
		results.addProperty("loadAverageBefore", loadBefore);
		results.addProperty("loadAverageAfter", loadAfter);
		results.add("settings", gson.toJsonTree(this.settings));
		JsonObject variants = new JsonObject();
		for (Variant variant : VARIANTS) {
			Series series = this.series.get(variant);
			JsonObject json = new JsonObject();
			json.addProperty("description", variant.description);
			if (variant.javaAgent != null) {
				json.addProperty("javaAgent", variant.javaAgent);
			}
			json.add("jvmOptions", gson.toJsonTree(variant.jvmOptions));
			json.add("arguments", gson.toJsonTree(variant.arguments));
			json.add("requestsPerSecond", gson.toJsonTree(Estimate.of(series.throughput)));
			json.add("cpuMicrosPerRequest", gson.toJsonTree(Estimate.of(series.cpuMicros)));
			json.add("allocatedBytesPerRequest", gson.toJsonTree(Estimate.of(series.allocatedBytes)));
			json.add("startupMillis", gson.toJsonTree(Estimate.of(series.startupMillis)));
			json.add("bootStartedSeconds", gson.toJsonTree(Estimate.of(series.bootSeconds)));
			json.add("logLines", gson.toJsonTree(series.lines));
			JsonArray rounds = new JsonArray();
			for (int round = 0; round < this.settings.rounds(); round++) {
				JsonObject row = new JsonObject();
				row.addProperty("round", round + 1);
				row.addProperty("position", series.positions[round]);
				row.addProperty("requestsPerSecond", series.throughput[round]);
				row.addProperty("cpuMicrosPerRequest", series.cpuMicros[round]);
				row.addProperty("allocatedBytesPerRequest", series.allocatedBytes[round]);
				row.addProperty("failures", series.failures[round]);
				rounds.add(row);
			}
			json.add("rounds", rounds);
			json.add("startupLaunchesMillis", gson.toJsonTree(series.startupMillis));
			variants.add(variant.label, json);
		}
		results.add("variants", variants);
		results.add("comparisons", comparisons());
		return results;
	}

	private static final List<Comparison> COMPARISONS = List.of(new Comparison("S/N", Variant.S, Variant.N),
			new Comparison("S/M", Variant.S, Variant.M), new Comparison("(S+M)/M", Variant.SM, Variant.M),
			new Comparison("M/N", Variant.M, Variant.N), new Comparison("(N+A)/N", Variant.NA, Variant.N),
			new Comparison("S/(N+A)", Variant.S, Variant.NA), new Comparison("S/A", Variant.S, Variant.OTEL),
			new Comparison("A/N", Variant.OTEL, Variant.N));

	private JsonObject comparisons() {
		JsonObject comparisons = new JsonObject();
		for (Comparison comparison : COMPARISONS) {
			Series a = this.series.get(comparison.variant());
			Series b = this.series.get(comparison.baseline());
			JsonObject row = new JsonObject();
			row.add("throughput", gson.toJsonTree(Estimate.ratio(a.throughput, b.throughput)));
			row.add("cpuPerRequest", gson.toJsonTree(Estimate.ratio(a.cpuMicros, b.cpuMicros)));
			row.add("extraBytesPerRequest", gson.toJsonTree(Estimate.difference(a.allocatedBytes, b.allocatedBytes)));
			row.add("startup", gson.toJsonTree(Estimate.ratio(a.startupMillis, b.startupMillis)));
			comparisons.add(comparison.label(), row);
		}
		return comparisons;
	}

	/**
	 * Whether other processes loaded the machine when the run in {@code results} started
	 * (1-minute load average above half the processors; the run itself adds about 2).
	 */
	public static boolean wasBusy(JsonObject results) {
		String before = results.get("loadAverageBefore").getAsString();
		return !before.equals("unknown")
				&& Double.parseDouble(before.split(" ")[0]) > results.get("processors").getAsInt() / 2.0;
	}

	private static double clockTicksPerSecond() {
		try {
			Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
			String output = new String(getconf.getInputStream().readAllBytes()).trim();
			getconf.waitFor();
			return Double.parseDouble(output);
		}
		catch (Exception ex) {
			return 100; // Linux's usual USER_HZ
		}
	}

	private static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).trim();
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	/**
	 * How much to measure. {@code requests} is per variant and round.
	 */
	/**
	 * How the load runs; {@code continuedTraces}: each request brings a trace of its own,
	 * as from an upstream service that runs the starter beside a tracer.
	 */
	public record Settings(int warmupRounds, int rounds, int requests, int concurrency, int warmupLaunches,
			int launches, boolean continuedTraces) {

		public static Settings full() {
			return new Settings(6, 10, 60_000, 32, 1, 16, false);
		}

		public static Settings quick() {
			return new Settings(1, 2, 2_000, 32, 0, 2, false);
		}

	}

	/** Per variant: one value per measured round or launch. */
	private static final class Series {

		final double[] throughput;

		final double[] cpuMicros;

		final double[] allocatedBytes;

		final int[] failures;

		final int[] positions;

		final double[] startupMillis;

		final double[] bootSeconds;

		final LogCheck lines = new LogCheck();

		Series(Settings settings) {
			this.throughput = new double[settings.rounds()];
			this.cpuMicros = new double[settings.rounds()];
			this.allocatedBytes = new double[settings.rounds()];
			this.failures = new int[settings.rounds()];
			this.positions = new int[settings.rounds()];
			this.startupMillis = new double[settings.launches()];
			this.bootSeconds = new double[settings.launches()];
		}

	}

	/**
	 * Ratios and differences are taken round by round (launch by launch), then averaged.
	 */
	private record Comparison(String label, Variant variant, Variant baseline) {
	}

}
