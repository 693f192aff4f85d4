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

import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The Markdown page of an end-to-end run, written from its JSON results.
 */
final class Report {

	private Report() {
	}

	static String markdown(JsonObject results) {
		JsonObject settings = results.getAsJsonObject("settings");
		JsonObject variants = results.getAsJsonObject("variants");
		StringBuilder md = new StringBuilder();
		md.append("# End-to-end: WebFlux load and start-up\n\n");
		md.append(String.format("Run started %s, took %s min; %s, %s processors; load average before %s, after %s.%n%n",
				text(results, "started"), results.get("minutes"), text(results, "java"), results.get("processors"),
				text(results, "loadAverageBefore"), text(results, "loadAverageAfter")));
		if (EndToEnd.wasBusy(results)) {
			md.append("**Other work was running when this run started (1-minute load average above half the "
					+ "processors): treat these figures as provisional.**\n\n");
		}
		md.append("Each variant is the same WebFlux app (`GET /work`: three log lines, on the event loop, after "
				+ "`publishOn(boundedElastic)` and after a `Mono.delay(Duration.ZERO)`) in its own JVM "
				+ "(`-Xms512m -Xmx512m -XX:+UseG1GC`), its console in a file. A JDK `HttpClient` in the driver's "
				+ "process sends "
				+ (continuedTraces(settings)
						? "with each request a trace of its own, as an upstream service running the starter beside a "
								+ "tracer would (`traceparent` and `X-Trace-ID` with the same trace id)"
						: "no trace id")
				+ ", over loopback and keep-alive connections. ");
		md.append(String.format("Per round and variant: %s requests, %s in flight; %s warm-up round(s) discarded, "
				+ "then %s rounds, the variants' order rotating each round. CPU is the app process's user + system "
				+ "time from `/proc/<pid>/stat`; allocation is the sum over the app's threads of "
				+ "`ThreadMXBean.getThreadAllocatedBytes`, read before and after the round. Start-up: launch to "
				+ "the first answered `/work`, %s launch(es) each after %s discarded, alternating. Intervals are "
				+ "95%% confidence intervals over rounds (launches); ratios are taken round by round.%n%n",
				settings.get("requests"), settings.get("concurrency"), settings.get("warmupRounds"),
				settings.get("rounds"), settings.get("launches"), settings.get("warmupLaunches")));
		md.append("| variant | setup |\n|---|---|\n");
		for (Map.Entry<String, JsonElement> variant : variants.entrySet()) {
			md.append("| ")
				.append(variant.getKey())
				.append(" | ")
				.append(text(variant.getValue().getAsJsonObject(), "description"))
				.append(" |\n");
		}
		md.append("\n## Per variant\n\n");
		md.append("| variant | throughput (req/s) | CPU per request (us) | allocation per request (B) "
				+ "| start-up to first response (ms) | Boot's \"Started\" (s) | request lines with a trace id |\n");
		md.append("|---|---|---|---|---|---|---|\n");
		for (Map.Entry<String, JsonElement> entry : variants.entrySet()) {
			JsonObject variant = entry.getValue().getAsJsonObject();
			JsonObject lines = variant.getAsJsonObject("logLines");
			md.append(String.format("| %s | %s | %s | %s | %s | %s | %s of %s (%s distinct ids) |%n", entry.getKey(),
					estimate(variant, "requestsPerSecond", "%.0f"), estimate(variant, "cpuMicrosPerRequest", "%.1f"),
					estimate(variant, "allocatedBytesPerRequest", "%.0f"), estimate(variant, "startupMillis", "%.0f"),
					estimate(variant, "bootStartedSeconds", "%.3f"), lines.get("linesWithId"),
					lines.get("requestLines"), lines.get("distinctIds")));
		}
		md.append("\n## Ratios\n\n");
		md.append("| comparison | throughput | CPU per request | extra allocation per request (B) | start-up |\n");
		md.append("|---|---|---|---|---|\n");
		for (Map.Entry<String, JsonElement> entry : results.getAsJsonObject("comparisons").entrySet()) {
			JsonObject comparison = entry.getValue().getAsJsonObject();
			md.append(String.format("| %s | %s | %s | %s | %s |%n", entry.getKey(),
					estimate(comparison, "throughput", "%.3f"), estimate(comparison, "cpuPerRequest", "%.3f"),
					estimate(comparison, "extraBytesPerRequest", "%+.0f"), estimate(comparison, "startup", "%.3f")));
		}
		md.append("\n## Rounds\n\n| round | variant | position | req/s | CPU us/request | B/request | failures |\n");
		md.append("|---|---|---|---|---|---|---|\n");
		int rounds = settings.get("rounds").getAsInt();
		for (int round = 0; round < rounds; round++) {
			for (Map.Entry<String, JsonElement> entry : variants.entrySet()) {
				JsonArray rows = entry.getValue().getAsJsonObject().getAsJsonArray("rounds");
				JsonObject row = rows.get(round).getAsJsonObject();
				md.append(String.format("| %d | %s | %d | %.0f | %.1f | %.0f | %d |%n", round + 1, entry.getKey(),
						row.get("position").getAsInt(), row.get("requestsPerSecond").getAsDouble(),
						row.get("cpuMicrosPerRequest").getAsDouble(), row.get("allocatedBytesPerRequest").getAsDouble(),
						row.get("failures").getAsInt()));
			}
		}
		return md.toString();
	}

	private static boolean continuedTraces(JsonObject settings) {
		return settings.has("continuedTraces") && settings.get("continuedTraces").getAsBoolean();
	}

	private static String text(JsonObject object, String member) {
		return object.get(member).getAsString();
	}

	/** "mean [low, high]" of an {@link Estimate} stored as JSON. */
	static String estimate(JsonObject owner, String member, String pattern) {
		JsonObject json = owner.getAsJsonObject(member);
		double mean = json.get("mean").getAsDouble();
		Double low = json.has("low") ? json.get("low").getAsDouble() : null;
		Double high = json.has("high") ? json.get("high").getAsDouble() : null;
		return new Estimate(mean, low, high).format(pattern);
	}

}
