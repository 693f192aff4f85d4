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

import java.util.List;

/**
 * The setups of the same app. They differ by classpath (one file per variant, written by
 * the build) and, where Micrometer Tracing is on it, by the settings its users add. N+A
 * is beside the goals: N with Reactor's automatic context propagation switched on, which
 * the starter switches on too, so its cost can be told apart from the starter's own. A is
 * the third way to get ids into the lines: N with the OpenTelemetry Java agent.
 */
enum Variant {

	N("N", "without the starter: Boot's ECS JSON console logging, no tracing", "classpath-N.txt", Settings.ECS),

	M("M", "Micrometer Tracing + OpenTelemetry bridge, `spring.reactor.context-propagation=auto`, "
			+ "a `ContextPropagatingTaskDecorator` bean; ECS logging", "classpath-M.txt", Settings.MICROMETER),

	S("S", "the starter, default settings (its own JSON line)", "classpath-S.txt", List.of()),

	SM("S+M", "the starter added to M (same settings as M)", "classpath-SM.txt", Settings.MICROMETER),

	NA("N+A",
			"N with `io.micrometer:context-propagation` and `spring.reactor.context-propagation=auto` (Reactor's "
					+ "automatic context propagation), nothing else",
			"classpath-NA.txt", Settings.AUTOMATIC),

	OTEL("A", "the OpenTelemetry Java agent on N (`-javaagent`, its default sampler, traces, metrics and logs "
			+ "exporters `none`); ECS logging, the agent's Logback MDC instrumentation puts `trace_id`, `span_id` "
			+ "and `trace_flags` in the MDC", "classpath-N.txt", Settings.AGENT_JAR, Settings.AGENT, Settings.ECS);

	final String label;

	final String description;

	final String classpathFile;

	/** A file beside the classpath files, or null. */
	final String javaAgent;

	final List<String> jvmOptions;

	final List<String> arguments;

	Variant(String label, String description, String classpathFile, List<String> arguments) {
		this(label, description, classpathFile, null, List.of(), arguments);
	}

	Variant(String label, String description, String classpathFile, String javaAgent, List<String> jvmOptions,
			List<String> arguments) {
		this.label = label;
		this.description = description;
		this.classpathFile = classpathFile;
		this.javaAgent = javaAgent;
		this.jvmOptions = jvmOptions;
		this.arguments = arguments;
	}

	private static final class Settings {

		static final List<String> ECS = List.of("--logging.structured.format.console=ecs");

		static final List<String> AUTOMATIC = List.of("--logging.structured.format.console=ecs",
				"--spring.reactor.context-propagation=auto");

		// Boot's default sampling (10%) is kept: ids reach the MDC for every request
		// anyway.
		static final List<String> MICROMETER = List.of("--logging.structured.format.console=ecs",
				"--spring.reactor.context-propagation=auto", "--bench.context-propagating-task-decorator=true");

		// Copied by the build (see the pom).
		static final String AGENT_JAR = "opentelemetry-javaagent.jar";

		// Nothing leaves the process: spans are made and dropped.
		static final List<String> AGENT = List.of("-Dotel.traces.exporter=none", "-Dotel.metrics.exporter=none",
				"-Dotel.logs.exporter=none");

	}

}
