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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tracestarter.benchmarks.endtoend.EndToEnd;

/**
 * One row per goal of issue #8: what, the goal, what was measured and whether it is met.
 * Reads {@code end-to-end.json} and JMH's JSON results; a goal whose figures are missing
 * is shown as not measured.
 */
final class Summary {

	private final JsonObject endToEnd;

	private final List<Path> jmhFiles;

	private final String endToEndSource;

	private final JmhFigures jmh;

	private Summary(JsonObject endToEnd, String endToEndSource, List<Path> jmhFiles) throws IOException {
		this.endToEnd = endToEnd;
		this.jmhFiles = jmhFiles;
		this.endToEndSource = endToEndSource;
		this.jmh = JmhFigures.read(jmhFiles);
	}

	static void write(Path outDir, List<Path> jmhFiles) throws IOException {
		Path endToEndFile = outDir.resolve("end-to-end.json");
		JsonObject endToEnd = Files.exists(endToEndFile)
				? JsonParser.parseString(Files.readString(endToEndFile)).getAsJsonObject() : null;
		String source = (endToEnd != null) ? "end-to-end.json (" + endToEnd.get("started").getAsString() + ")" : "";
		Summary summary = new Summary(endToEnd, source, jmhFiles);
		List<Row> rows = summary.rows();
		List<Row> beside = summary.besideTheGoals();
		// The rows beside the goals follow the goals' rows, with an empty goal.
		List<Row> all = new ArrayList<>(rows);
		all.addAll(beside);
		Files.writeString(outDir.resolve("summary.json"),
				new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(all)
						+ "\n");
		Files.writeString(outDir.resolve("summary.md"), summary.markdown(rows, beside));
		System.out.println("summary: wrote " + outDir.resolve("summary.md"));
	}

	private List<Row> rows() {
		List<Row> rows = new ArrayList<>();
		rows.add(endToEndRow("WebFlux end-to-end throughput, loopback, fixed request count, 3 log lines per request",
				"S >= 0.97 x N, S >= 1.15 x M and S >= 1.10 x A", "%.3f", endToEnd("S/N", "throughput", false, 0.97),
				endToEnd("S/M", "throughput", false, 1.15), endToEnd("S/A", "throughput", false, 1.10)));
		rows.add(endToEndRow("CPU per request (from /proc over the same run)", "S <= 1.03 x N", "%.3f",
				endToEnd("S/N", "cpuPerRequest", true, 1.03)));
		rows.add(endToEndRow("extra allocation per request", "<= 512 B over N", "%+.0f B",
				endToEnd("S/N", "extraBytesPerRequest", true, 512)));
		rows.add(jmhRow("one JSON log line carrying the trace fields",
				"<= 1.05 x Boot's ECS line with the same keys in MDC; <= 128 B extra",
				"LogLineBenchmark.starterJsonLine", logLine()));
		rows.add(jmhRow("validate or generate an inbound id", "<= 60 ns", "TraceIdBenchmark.generate", ids()));
		rows.add(jmhRow("one decorated executor hop (the submitter's scope subtracted)",
				"<= 50 ns and 48 B, and <= 0.5 x Spring's `ContextPropagatingTaskDecorator`",
				"TaskDecoratorBenchmark.traceTaskDecorator", hop()));
		rows.add(jmhRow("Reactor chain with 5 operators and 2 scheduler hops",
				"S >= 0.95 x the same chain with no hooks", "ReactorChainBenchmark.chain[setup=starter]",
				reactorChain()));
		rows.add(kafkaRow());
		rows.add(jmhRow("gRPC unary call, in-process channel", ">= 0.97 x N; interceptors <= 300 ns",
				"GrpcInterceptorsBenchmark.withoutInterceptors", grpc()));
		rows.add(endToEndRow("start-up time of the app (launch to first response)", "<= 1.05 x N", "%.3f",
				endToEnd("S/N", "startup", true, 1.05)));
		rows.addAll(secondRound());
		return rows;
	}

	/**
	 * The goals of the second round (issue #22): the starter beside Micrometer Tracing,
	 * and each path against its floor.
	 */
	private List<Row> secondRound() {
		List<Row> rows = new ArrayList<>();
		rows.add(endToEndRow("a Micrometer Tracing app that adds the starter: throughput", "S+M >= 0.98 x M", "%.3f",
				endToEnd("(S+M)/M", "throughput", false, 0.98)));
		rows.add(endToEndRow("a Micrometer Tracing app that adds the starter: allocation per request",
				"<= +1 KB over M", "%+.0f B", endToEnd("(S+M)/M", "extraBytesPerRequest", true, 1024)));
		rows.add(endToEndRow("the starter's own CPU per request, over Reactor's automatic mode alone",
				"S <= 1.03 x (N+A)", "%.3f", endToEnd("S/(N+A)", "cpuPerRequest", true, 1.03)));
		rows.add(jmhRow("Boot's ECS console line with the starter", "<= 1.05 x Boot's plain ECS line",
				"LogLineBenchmark.starterEcsLine", againstFloor("time starter ECS / Boot's ECS",
						"LogLineBenchmark.starterEcsLine", "LogLineBenchmark.bootEcsLine", true, 1.05)));
		rows.add(jmhRow(
				"Kafka consumer throughput against its floor (an interceptor that only moves the id "
						+ "header into the MDC and out)",
				"S >= 0.97 x floor", "KafkaConsumerThroughputBenchmark.withStarter",
				againstFloor("throughput S / floor", "KafkaConsumerThroughputBenchmark.withHeaderToMdcInterceptor",
						"KafkaConsumerThroughputBenchmark.withStarter", false, 0.97)));
		rows.add(jmhRow(
				"gRPC in-process unary call against its floor (interceptors that carry an id header " + "both ways)",
				"S >= 0.97 x floor", "GrpcInterceptorsBenchmark.withServerAndClientInterceptors",
				againstFloor("throughput S / floor",
						"GrpcInterceptorsBenchmark.withForwardingInterceptorsCarryingAHeader",
						"GrpcInterceptorsBenchmark.withServerAndClientInterceptors", false, 0.97)));
		return rows;
	}

	/**
	 * One check of the ratio of two benchmarks' times, {@code numerator} over
	 * {@code denominator} (for a throughput ratio, the floor's time over the starter's),
	 * or null when either was not run.
	 */
	private List<Check> againstFloor(String name, String numerator, String denominator, boolean atMost, double goal) {
		JmhFigures.Figure first = figure(numerator);
		JmhFigures.Figure second = figure(denominator);
		if (first == null || second == null) {
			return null;
		}
		return List.of(new Check(name, first.time().dividedBy(second.time()), "", atMost, goal));
	}

	/**
	 * Ratios without a goal of their own: the goal's Kafka and gRPC handlers log nothing,
	 * these log one JSON line per record or call, as the services the starter is for do;
	 * and the floors: Reactor's automatic context propagation alone, a Kafka interceptor
	 * that only moves the header into the MDC, gRPC interceptors that only forward, or
	 * forward and carry a header.
	 * @return one row per pair that was run
	 */
	private List<Row> besideTheGoals() {
		List<Row> rows = new ArrayList<>();
		addEndToEnd(rows,
				"CPU per request of Reactor's automatic context propagation alone (N+A: N with "
						+ "`spring.reactor.context-propagation=auto`), and of the starter on top of it",
				"(N+A)/N", "S/(N+A)");
		addAllocations(rows);
		addRatio(rows, "Kafka consumer throughput, a record listener that logs one JSON line per record", "S/N",
				"KafkaConsumerThroughputBenchmark.withoutStarterLoggingALine",
				"KafkaConsumerThroughputBenchmark.withStarterLoggingALine");
		addRatio(rows,
				"Kafka consumer throughput, a record interceptor that only puts the id header's value into the "
						+ "MDC and removes it after the record",
				"header-to-MDC/N", "KafkaConsumerThroughputBenchmark.withoutStarter",
				"KafkaConsumerThroughputBenchmark.withHeaderToMdcInterceptor");
		addRatio(rows, "gRPC unary calls per second, in-process channel, a service that logs one JSON line per call",
				"S/N", "GrpcInterceptorsBenchmark.withoutInterceptorsLoggingALine",
				"GrpcInterceptorsBenchmark.withServerAndClientInterceptorsLoggingALine");
		addRatio(rows, "gRPC unary calls per second, client and server interceptors that only wrap and forward",
				"forwarding/N", "GrpcInterceptorsBenchmark.withoutInterceptors",
				"GrpcInterceptorsBenchmark.withForwardingInterceptors");
		addRatio(rows,
				"gRPC unary calls per second, forwarding interceptors that carry an id header both ways (request and "
						+ "response), nothing else",
				"carrying/N", "GrpcInterceptorsBenchmark.withoutInterceptors",
				"GrpcInterceptorsBenchmark.withForwardingInterceptorsCarryingAHeader");
		return rows;
	}

	private void addEndToEnd(List<Row> rows, String what, String... comparisons) {
		if (this.endToEnd == null || !this.endToEnd.getAsJsonObject("comparisons").has(comparisons[0])) {
			return;
		}
		List<Check> checks = new ArrayList<>();
		StringJoiner measured = new StringJoiner("; ");
		for (String comparison : comparisons) {
			Check check = endToEnd(comparison, "cpuPerRequest", true, Double.NaN);
			checks.add(check);
			measured.add(comparison + " " + check.measured().format("%.3f"));
		}
		rows.add(new Row(what, "", measured.toString(), "", this.endToEndSource, checks));
	}

	/** Each variant's allocation per request, the agent's (A) beside the others. */
	private void addAllocations(List<Row> rows) {
		if (this.endToEnd == null) {
			return;
		}
		List<Check> checks = new ArrayList<>();
		StringJoiner measured = new StringJoiner("; ");
		this.endToEnd.getAsJsonObject("variants").entrySet().forEach((variant) -> {
			Interval bytes = Interval
				.of(variant.getValue().getAsJsonObject().getAsJsonObject("allocatedBytesPerRequest"));
			checks.add(new Check(variant.getKey() + " allocatedBytesPerRequest", bytes, " B", true, Double.NaN));
			measured.add(variant.getKey() + " " + bytes.format("%.0f") + " B");
		});
		rows.add(new Row("allocation per request of each variant", "", measured.toString(), "", this.endToEndSource,
				checks));
	}

	private void addRatio(List<Row> rows, String what, String label, String plainName, String starterName) {
		JmhFigures.Figure plain = figure(plainName);
		JmhFigures.Figure starter = figure(starterName);
		if (plain != null && starter != null) {
			Check ratio = new Check(label, plain.time().dividedBy(starter.time()), "", false, Double.NaN);
			rows.add(new Row(what, "", measured(List.of(ratio)), "", starter.source(), List.of(ratio)));
		}
	}

	// Each goal below: its checks, or null when a benchmark it needs was not run.

	private List<Check> logLine() {
		JmhFigures.Figure starter = figure("LogLineBenchmark.starterJsonLine");
		JmhFigures.Figure ecs = figure("LogLineBenchmark.bootEcsLine");
		if (starter == null || ecs == null) {
			return null;
		}
		return List.of(new Check("time starter / ECS", starter.time().dividedBy(ecs.time()), "", true, 1.05),
				new Check("allocation starter - ECS", Interval.exact(starter.bytes() - ecs.bytes()), " B", true, 128));
	}

	private List<Check> ids() {
		List<Check> ids = new ArrayList<>();
		for (String method : List.of("validate", "resolveXTraceId", "resolveTraceparent", "generate")) {
			JmhFigures.Figure id = figure("TraceIdBenchmark." + method);
			if (id != null) {
				ids.add(new Check(method, id.time(), " ns", true, 60));
			}
		}
		return ids.isEmpty() ? null : ids;
	}

	private List<Check> hop() {
		JmhFigures.Figure scope = figure("TaskDecoratorBenchmark.submitterScopeOnly");
		JmhFigures.Figure starter = figure("TaskDecoratorBenchmark.traceTaskDecorator");
		JmhFigures.Figure spring = figure("TaskDecoratorBenchmark.contextPropagatingTaskDecorator");
		if (scope == null || starter == null || spring == null) {
			return null;
		}
		Interval hop = starter.time().minus(scope.time());
		return List.of(new Check("hop", hop, " ns", true, 50),
				new Check("hop", Interval.exact(starter.bytes() - scope.bytes()), " B", true, 48),
				new Check("hop / Spring's hop", hop.dividedBy(spring.time().minus(scope.time())), "", true, 0.5));
	}

	private List<Check> reactorChain() {
		JmhFigures.Figure plain = figure("ReactorChainBenchmark.chain[setup=none]");
		JmhFigures.Figure starter = figure("ReactorChainBenchmark.chain[setup=starter]");
		if (plain == null || starter == null) {
			return null;
		}
		List<Check> checks = new ArrayList<>();
		checks.add(
				new Check("one element: throughput S / none", plain.time().dividedBy(starter.time()), "", false, 0.95));
		JmhFigures.Figure plainElements = figure("ReactorChainBenchmark.chainOfElements[setup=none]");
		JmhFigures.Figure starterElements = figure("ReactorChainBenchmark.chainOfElements[setup=starter]");
		if (plainElements != null && starterElements != null) {
			checks.add(new Check("1,000 elements: throughput S / none",
					plainElements.time().dividedBy(starterElements.time()), "", false, 0.95));
		}
		// The floor: automatic context propagation with nothing of ours in the context.
		JmhFigures.Figure floorElements = figure("ReactorChainBenchmark.chainOfElements[setup=floor]");
		if (floorElements != null && starterElements != null) {
			checks.add(new Check("1,000 elements: throughput S / floor",
					floorElements.time().dividedBy(starterElements.time()), "", false, 0.95));
		}
		// Beside the goal: one value of another library carried the same way.
		JmhFigures.Figure carrierElements = figure("ReactorChainBenchmark.chainOfElements[setup=carrier]");
		if (carrierElements != null && starterElements != null) {
			checks.add(new Check("1,000 elements: throughput S / one other value carried",
					carrierElements.time().dividedBy(starterElements.time()), "", false, 0.95));
		}
		return checks;
	}

	/**
	 * Two parts, each judged: the per-record cost of the interceptors alone, and the
	 * throughput of a record listener container against a broker. A part whose benchmarks
	 * were not run is shown as not measured, and the row is not met without it.
	 */
	private Row kafkaRow() {
		String what = "Kafka producer + consumer per-record cost; consumer throughput (in-process broker, "
				+ "a record listener that logs nothing)";
		String goal = "<= 150 ns; consumer throughput >= 0.98 x N";
		Map<String, Part> parts = new LinkedHashMap<>();
		parts.put("producer + consumer", kafkaPerRecord());
		parts.put("consumer throughput S/N", kafkaThroughput());
		List<Check> checks = new ArrayList<>();
		List<String> missing = new ArrayList<>();
		StringJoiner measured = new StringJoiner("; ");
		Set<String> sources = new LinkedHashSet<>();
		parts.forEach((name, part) -> {
			if (part == null) {
				missing.add(name);
				measured.add(name + " not measured");
				return;
			}
			checks.add(part.check());
			measured.add(measured(List.of(part.check())));
			part.figures().forEach((figure) -> sources.add(figure.source()));
		});
		if (checks.isEmpty()) {
			return new Row(what, goal, "", "not measured", "", List.of());
		}
		String met = met(checks);
		if (!missing.isEmpty() && !met.startsWith("no")) {
			met = "not measured: " + String.join(", ", missing);
		}
		return new Row(what, goal, measured.toString(), met, String.join(", ", sources), checks);
	}

	private Part kafkaPerRecord() {
		JmhFigures.Figure send = figure("KafkaLayerBenchmark.sendWithInterceptor");
		JmhFigures.Figure sendPlain = figure("KafkaLayerBenchmark.sendWithoutInterceptor");
		JmhFigures.Figure receive = figure("KafkaLayerBenchmark.recordListenerWithInterceptor");
		JmhFigures.Figure receivePlain = figure("KafkaLayerBenchmark.recordListenerWithoutInterceptor");
		if (send == null || sendPlain == null || receive == null || receivePlain == null) {
			return null;
		}
		Interval perRecord = send.time().minus(sendPlain.time()).plus(receive.time().minus(receivePlain.time()));
		return new Part(new Check("producer + consumer", perRecord, " ns", true, 150),
				List.of(send, sendPlain, receive, receivePlain));
	}

	/** Time per record of N over that of S: S's records per second over N's. */
	private Part kafkaThroughput() {
		JmhFigures.Figure plain = figure("KafkaConsumerThroughputBenchmark.withoutStarter");
		JmhFigures.Figure starter = figure("KafkaConsumerThroughputBenchmark.withStarter");
		if (plain == null || starter == null) {
			return null;
		}
		return new Part(new Check("consumer throughput S/N", plain.time().dividedBy(starter.time()), "", false, 0.98),
				List.of(plain, starter));
	}

	private List<Check> grpc() {
		JmhFigures.Figure traced = figure("GrpcInterceptorsBenchmark.withServerAndClientInterceptors");
		JmhFigures.Figure plain = figure("GrpcInterceptorsBenchmark.withoutInterceptors");
		if (traced == null || plain == null) {
			return null;
		}
		return List.of(new Check("throughput S / N", plain.time().dividedBy(traced.time()), "", false, 0.97),
				new Check("interceptors", traced.time().minus(plain.time()), " ns", true, 300));
	}

	private JmhFigures.Figure figure(String name) {
		return this.jmh.get(name);
	}

	/**
	 * A ratio or difference of {@code end-to-end.json}'s comparisons; null when there is
	 * none.
	 */
	private Check endToEnd(String comparison, String member, boolean atMost, double goal) {
		if (this.endToEnd == null) {
			return null;
		}
		JsonObject estimate = this.endToEnd.getAsJsonObject("comparisons")
			.getAsJsonObject(comparison)
			.getAsJsonObject(member);
		return new Check(comparison + " " + member, Interval.of(estimate), "", atMost, goal);
	}

	private Row endToEndRow(String what, String goal, String pattern, Check... checks) {
		if (this.endToEnd == null) {
			return new Row(what, goal, "", "not measured", "", List.of());
		}
		StringJoiner measured = new StringJoiner("; ");
		for (Check check : checks) {
			measured.add(check.name().split(" ")[0] + " " + check.measured().format(pattern));
		}
		return new Row(what, goal, measured.toString(), met(List.of(checks)), this.endToEndSource, List.of(checks));
	}

	/**
	 * {@code sample} names one of the row's benchmarks, to say which file its figures
	 * came from.
	 */
	private Row jmhRow(String what, String goal, String sample, List<Check> checks) {
		if (checks == null) {
			return new Row(what, goal, "", "not measured", "", List.of());
		}
		return new Row(what, goal, measured(checks), met(checks), figure(sample).source(), checks);
	}

	private static String measured(List<Check> checks) {
		StringJoiner measured = new StringJoiner("; ");
		// Three significant digits, without an exponent for large values.
		checks.forEach((check) -> measured.add(check.name() + " "
				+ check.measured().format((Math.abs(check.measured().value()) >= 1000) ? "%.0f" : "%.3g")
				+ check.unit()));
		return measured.toString();
	}

	private static String met(List<Check> checks) {
		List<String> verdicts = checks.stream().map(Check::verdict).toList();
		if (verdicts.stream().anyMatch((verdict) -> verdict.startsWith("no"))) {
			return verdicts.stream().filter((verdict) -> verdict.startsWith("no")).findFirst().get();
		}
		return verdicts.stream().filter((verdict) -> verdict.contains("crosses")).findFirst().orElse("yes");
	}

	private String markdown(List<Row> rows, List<Row> beside) {
		StringBuilder md = new StringBuilder("# Summary: the goals of issues #8 and #22\n\n");
		md.append("S is the starter with default settings, N the same app without it, M Micrometer Tracing with the "
				+ "OpenTelemetry bridge and automatic context propagation, A the OpenTelemetry Java agent. "
				+ "End-to-end intervals are 95% confidence intervals over rounds (`end-to-end.md`); JMH intervals "
				+ "are JMH's 99.9% errors, combined in quadrature for differences and ratios. \"met\" judges the "
				+ "mean; where the interval reaches past the goal, it says so.\n\n");
		if (this.endToEnd != null && EndToEnd.wasBusy(this.endToEnd)) {
			md.append("**The end-to-end run started on a busy machine (load average "
					+ this.endToEnd.get("loadAverageBefore").getAsString().split(" ")[0]
					+ "): its rows are provisional.**\n\n");
		}
		StringJoiner files = new StringJoiner(", ");
		this.jmhFiles.forEach((file) -> files.add("`" + file.getFileName() + "`"));
		md.append("JMH results read: ").append((files.length() > 0) ? files.toString() : "none").append(".\n\n");
		md.append("| what | goal | measured | met | from |\n|---|---|---|---|---|\n");
		for (Row row : rows) {
			md.append(String.format("| %s | %s | %s | %s | %s |%n", row.what(), row.goal(), row.measured(), row.met(),
					row.from()));
		}
		if (!beside.isEmpty()) {
			md.append("\nBeside the goals: the Kafka and gRPC comparisons with handlers that log one "
					+ "JSON line (Boot's ECS format for N, the starter's for S), and the floors: what the least an "
					+ "interceptor must do costs, before it does anything else of the starter's; and each end-to-end "
					+ "variant's allocation per request.\n\n");
			md.append("| what | measured | from |\n|---|---|---|\n");
			for (Row row : beside) {
				md.append(String.format("| %s | %s | %s |%n", row.what(), row.measured(), row.from()));
			}
		}
		return md.toString();
	}

	/** One goal's comparison: "at most" or "at least" {@code goal}. */
	record Check(String name, Interval measured, String unit, boolean atMost, double goal) {

		/** yes / no, and whether the interval reaches to the other side of the goal. */
		String verdict() {
			boolean met = this.atMost ? this.measured.value() <= this.goal : this.measured.value() >= this.goal;
			double far = met ? (this.atMost ? this.measured.high() : this.measured.low())
					: (this.atMost ? this.measured.low() : this.measured.high());
			boolean crosses = !Double.isNaN(far) && (this.atMost ? far <= this.goal : far >= this.goal) != met;
			return (met ? "yes" : "no") + (crosses ? " (interval crosses the goal)" : "");
		}

	}

	record Row(String what, String goal, String measured, String met, String from, List<Check> checks) {
	}

	/** A check and the figures it was made from. */
	private record Part(Check check, List<JmhFigures.Figure> figures) {
	}

}
