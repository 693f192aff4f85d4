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

package io.tracestarter.sampling;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.tracestarter.autoconfigure.TraceProperties;
import io.tracestarter.core.RequestSampling.Kind;
import io.tracestarter.sampling.SamplingRule.Target;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.StringUtils;

/**
 * The rules in their configured order. A request is matched once, when it starts; each
 * line is then decided by the first rule in order that matches it: a logger rule matches
 * the line's logger, a request rule matches when it is the request's rule.
 */
final class SamplingRules {

	/** Index of "no request rule": every logger rule comes before it. */
	static final int NONE = Integer.MAX_VALUE;

	/**
	 * Index of the rule of a request sampled out upstream: the trace's decision came with
	 * its id, and this service follows it whatever its own rules say.
	 */
	static final int INHERITED = Integer.MAX_VALUE - 1;

	/** The name the inherited decision's lines are counted under. */
	static final String INHERITED_NAME = "inherited";

	private final List<SamplingRule> rules;

	private final SamplingRule inherited;

	private final boolean hasLoggerRules;

	private final boolean loggerRulesDrop;

	private SamplingRules(List<SamplingRule> rules, SamplingRule inherited) {
		this.rules = List.copyOf(rules);
		this.inherited = inherited;
		this.hasLoggerRules = rules.stream().anyMatch((rule) -> rule.target() == Target.LOGGER);
		this.loggerRulesDrop = rules.stream().anyMatch((rule) -> rule.target() == Target.LOGGER && rule.rate() < 1);
	}

	/**
	 * Build and check the rules; a rule with no target, two targets or a rate outside
	 * 0..1 is reported with its property name.
	 * @param properties the sampling settings
	 * @param counters where the rules count their lines
	 * @return the rules
	 */
	static SamplingRules of(TraceProperties.Sampling properties, SamplingCounters counters) {
		List<SamplingRule> rules = new ArrayList<>();
		Set<String> names = new HashSet<>();
		List<TraceProperties.Sampling.Rule> configured = properties.getRules();
		for (int i = 0; i < configured.size(); i++) {
			TraceProperties.Sampling.Rule rule = configured.get(i);
			String prefix = "trace.sampling.rules[" + i + "].";
			List<Target> targets = new ArrayList<>();
			List<String> patterns = new ArrayList<>();
			collect(targets, patterns, Target.ROUTE, rule.getRoute());
			collect(targets, patterns, Target.GRPC_METHOD, rule.getGrpcMethod());
			collect(targets, patterns, Target.KAFKA_TOPIC, rule.getKafkaTopic());
			collect(targets, patterns, Target.LOGGER, rule.getLogger());
			if (targets.size() != 1) {
				throw new InvalidConfigurationPropertyValueException(prefix + "route", rule.getRoute(),
						"A sampling rule needs exactly one of route, grpc-method, kafka-topic or logger; rule " + i
								+ " has " + targets.size());
			}
			double rate = rule.getRate();
			if (!(rate >= 0 && rate <= 1)) {
				throw new InvalidConfigurationPropertyValueException(prefix + "rate", rate,
						"The rate is the share of trace ids kept, from 0 to 1");
			}
			Target target = targets.get(0);
			String pattern = patterns.get(0).trim();
			String configuredName = rule.getName();
			String name = StringUtils.hasText(configuredName) ? configuredName.trim()
					: target.propertyName() + ":" + pattern;
			if (!names.add(name)) {
				throw new InvalidConfigurationPropertyValueException(prefix + "name", name,
						"Two sampling rules have the same name; give one a name of its own");
			}
			rules.add(new SamplingRule(name, target, pattern, rate, counters.lines(name)));
		}
		// Matches nothing by itself: it is the rule of requests sampled out upstream.
		SamplingRule inherited = new SamplingRule(INHERITED_NAME, Target.KAFKA_TOPIC, "", 0,
				counters.lines(INHERITED_NAME));
		return new SamplingRules(rules, inherited);
	}

	private static void collect(List<Target> targets, List<String> patterns, Target target, @Nullable String pattern) {
		if (StringUtils.hasText(pattern)) {
			targets.add(target);
			patterns.add(pattern);
		}
	}

	List<SamplingRule> all() {
		return this.rules;
	}

	/**
	 * Whether a request needs a buffer even when its own rule keeps it: a logger rule may
	 * still sample some of its lines out.
	 */
	boolean loggerRulesDrop() {
		return this.loggerRulesDrop;
	}

	/**
	 * The first request rule that matches, as an index, or {@link #NONE}.
	 */
	int requestRule(Kind kind, String name) {
		Target target = Target.of(kind);
		for (int i = 0; i < this.rules.size(); i++) {
			SamplingRule rule = this.rules.get(i);
			if (rule.target() == target && rule.matches(name)) {
				return i;
			}
		}
		return NONE;
	}

	@Nullable SamplingRule get(int index) {
		if (index == INHERITED) {
			return this.inherited;
		}
		return (index == NONE) ? null : this.rules.get(index);
	}

	/**
	 * The rule that decides a line: the first logger rule before the request's rule that
	 * matches the logger, else the request's rule, else none.
	 */
	@Nullable SamplingRule forLine(String loggerName, int requestRule) {
		if (this.hasLoggerRules) {
			int end = Math.min(requestRule, this.rules.size());
			for (int i = 0; i < end; i++) {
				SamplingRule rule = this.rules.get(i);
				if (rule.target() == Target.LOGGER && rule.matches(loggerName)) {
					return rule;
				}
			}
		}
		return get(requestRule);
	}

}
