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

package io.tracestarter.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport.ConditionAndOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport.ConditionAndOutcomes;
import org.springframework.core.env.Environment;

/**
 * Which layers are on, read from Boot's condition evaluation report: a layer is on when
 * its auto-configuration (and, for HTTP and gRPC, one of its inbound configurations)
 * matched; when it is off, the state names the condition that did not match. Nothing is
 * copied from the auto-configurations' conditions, so the two cannot drift apart. Read by
 * the start-up line and the actuator endpoint.
 *
 * @since 0.1.0
 */
public final class LayerStates {

	private static final String PACKAGE = "io.tracestarter.";

	private LayerStates() {
	}

	/**
	 * Return the state of every layer, in a fixed order.
	 * @param report the condition evaluation report of the application's context
	 * @param environment its environment
	 * @return the states
	 */
	public static List<LayerState> of(ConditionEvaluationReport report, Environment environment) {
		Map<String, ConditionAndOutcomes> outcomes = report.getConditionAndOutcomesBySource();
		List<LayerState> states = new ArrayList<>();
		states.add(state(outcomes, "http", "http.HttpTraceAutoConfiguration",
				(name) -> name.endsWith("$WebFluxConfiguration") || name.endsWith("$ServletConfiguration")));
		states.add(reactor(outcomes, environment));
		states.add(state(outcomes, "async", "async.AsyncTraceAutoConfiguration", null));
		states.add(state(outcomes, "grpc", "grpc.GrpcTraceAutoConfiguration",
				(name) -> name.endsWith("ServerConfiguration")));
		states.add(state(outcomes, "kafka", "kafka.KafkaTraceAutoConfiguration", null));
		LayerState logging = state(outcomes, "logging", "logging.LoggingTraceAutoConfiguration", null);
		states.add(logging);
		states.add(k8s(logging, environment));
		states.add(state(outcomes, "sampling", "sampling.SamplingAutoConfiguration", null));
		return states;
	}

	/**
	 * The state of a layer whose auto-configuration is {@code configuration} and, when
	 * {@code inbound} is given, one of whose nested configurations matching it must have
	 * matched too.
	 */
	private static LayerState state(Map<String, ConditionAndOutcomes> outcomes, String layer, String configuration,
			@Nullable Predicate<String> inbound) {
		String source = PACKAGE + configuration;
		String failed = failure(outcomes.get(source));
		if (failed != null) {
			return new LayerState(layer, "off (" + failed + ")");
		}
		if (!outcomes.containsKey(source)) {
			return new LayerState(layer, "off (not configured)");
		}
		if (inbound == null) {
			return new LayerState(layer, "on");
		}
		String firstFailure = null;
		for (Map.Entry<String, ConditionAndOutcomes> entry : outcomes.entrySet()) {
			String name = entry.getKey();
			if (name.startsWith(source + "$") && inbound.test(name)) {
				String nestedFailure = failure(entry.getValue());
				if (nestedFailure == null) {
					return new LayerState(layer, "on");
				}
				firstFailure = (firstFailure != null) ? firstFailure : nestedFailure;
			}
		}
		return new LayerState(layer,
				"off (" + ((firstFailure != null) ? firstFailure : "no inbound configuration") + ")");
	}

	private static LayerState reactor(Map<String, ConditionAndOutcomes> outcomes, Environment environment) {
		String mode = environment.getProperty("spring.reactor.context-propagation", "").trim();
		if ("limited".equalsIgnoreCase(mode)) {
			return new LayerState("reactor", "off (spring.reactor.context-propagation=limited)");
		}
		return state(outcomes, "reactor", "reactor.ReactorTraceAutoConfiguration", null);
	}

	// The Kubernetes fields are written by the JSON format, which no condition guards.
	private static LayerState k8s(LayerState logging, Environment environment) {
		if (!environment.getProperty("trace.k8s.enabled", Boolean.class, true)) {
			return new LayerState("k8s", "off (trace.k8s.enabled=false)");
		}
		return new LayerState("k8s", logging.state());
	}

	private static @Nullable String failure(@Nullable ConditionAndOutcomes outcomes) {
		if (outcomes == null || outcomes.isFullMatch()) {
			return null;
		}
		for (ConditionAndOutcome outcome : outcomes) {
			if (!outcome.getOutcome().isMatch()) {
				return outcome.getOutcome().getMessage();
			}
		}
		return null;
	}

	/**
	 * Whether one layer is on, and why not when it is off.
	 *
	 * @param name the layer
	 * @param state {@code on}, or {@code off} with the reason
	 */
	public record LayerState(String name, String state) {

		/**
		 * Return whether the layer is on.
		 * @return whether it is on
		 */
		public boolean isOn() {
			return "on".equals(this.state);
		}

	}

}
