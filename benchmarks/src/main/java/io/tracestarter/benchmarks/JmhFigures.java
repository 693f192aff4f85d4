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
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The figures of JMH JSON result files, by benchmark name (with its parameters in
 * brackets, as {@code ReactorChainBenchmark.chain[setup=none]}), in nanoseconds. A
 * benchmark found in several files keeps the figure of the last file.
 */
final class JmhFigures {

	private final Map<String, Figure> figures = new HashMap<>();

	static JmhFigures read(List<Path> files) throws IOException {
		JmhFigures result = new JmhFigures();
		for (Path file : files) {
			try (Reader reader = Files.newBufferedReader(file)) {
				for (JsonElement element : JsonParser.parseReader(reader).getAsJsonArray()) {
					result.add(element.getAsJsonObject(), file.getFileName().toString());
				}
			}
		}
		return result;
	}

	private void add(JsonObject run, String source) {
		StringBuilder name = new StringBuilder(run.get("benchmark").getAsString());
		name.replace(0, name.lastIndexOf(".", name.lastIndexOf(".") - 1) + 1, "");
		if (run.has("params")) {
			StringJoiner params = new StringJoiner(",", "[", "]");
			run.getAsJsonObject("params")
				.entrySet()
				.forEach((param) -> params.add(param.getKey() + "=" + param.getValue().getAsString()));
			name.append(params);
		}
		JsonObject primary = run.getAsJsonObject("primaryMetric");
		double toNanos = switch (primary.get("scoreUnit").getAsString()) {
			case "ns/op" -> 1;
			case "us/op" -> 1e3;
			case "ms/op" -> 1e6;
			default -> Double.NaN; // throughput modes are not used by these benchmarks
		};
		JsonObject secondary = run.getAsJsonObject("secondaryMetrics");
		double bytes = secondary.has("gc.alloc.rate.norm")
				? secondary.getAsJsonObject("gc.alloc.rate.norm").get("score").getAsDouble() : Double.NaN;
		this.figures.put(name.toString(), new Figure(primary.get("score").getAsDouble() * toNanos,
				primary.get("scoreError").getAsDouble() * toNanos, bytes, source));
	}

	/**
	 * By simple class name and method, e.g. {@code TraceIdBenchmark.generate}; null when
	 * not run.
	 */
	Figure get(String name) {
		return this.figures.get(name);
	}

	boolean isEmpty() {
		return this.figures.isEmpty();
	}

	/**
	 * Time per operation with JMH's error (99.9% interval half-width), and bytes per
	 * operation.
	 */
	record Figure(double nanos, double error, double bytes, String source) {

		Interval time() {
			return Interval.of(this.nanos, this.error);
		}

	}

}
