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

import java.util.Locale;

import io.tracestarter.core.RequestSampling.Kind;

import org.springframework.util.AntPathMatcher;
import org.springframework.util.PatternMatchUtils;

/**
 * One configured rule: what it matches and the share of trace ids it keeps.
 */
final class SamplingRule {

	private static final AntPathMatcher ROUTES = new AntPathMatcher();

	/** What a rule matches: one of the request kinds, or the logger of a line. */
	enum Target {

		ROUTE, GRPC_METHOD, KAFKA_TOPIC, LOGGER;

		static Target of(Kind kind) {
			return switch (kind) {
				case ROUTE -> ROUTE;
				case GRPC_METHOD -> GRPC_METHOD;
				case KAFKA_TOPIC -> KAFKA_TOPIC;
			};
		}

		String propertyName() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

	}

	private final String name;

	private final Target target;

	private final String pattern;

	private final double rate;

	private final long bound;

	private final SamplingCounters.Lines counters;

	SamplingRule(String name, Target target, String pattern, double rate, SamplingCounters.Lines counters) {
		this.name = name;
		this.target = target;
		this.pattern = pattern;
		this.rate = rate;
		this.bound = TraceIdRandomness.boundOf(rate);
		this.counters = counters;
	}

	String name() {
		return this.name;
	}

	Target target() {
		return this.target;
	}

	String pattern() {
		return this.pattern;
	}

	double rate() {
		return this.rate;
	}

	SamplingCounters.Lines counters() {
		return this.counters;
	}

	boolean keeps(long randomness) {
		return TraceIdRandomness.keeps(randomness, this.bound);
	}

	boolean matches(String value) {
		return switch (this.target) {
			case ROUTE -> ROUTES.match(this.pattern, value);
			case LOGGER -> matchesLogger(value);
			default -> PatternMatchUtils.simpleMatch(this.pattern, value);
		};
	}

	// A logger rule covers the logger and its children, as a Logback logger level does.
	private boolean matchesLogger(String loggerName) {
		if (this.pattern.indexOf('*') >= 0) {
			return PatternMatchUtils.simpleMatch(this.pattern, loggerName);
		}
		return loggerName.startsWith(this.pattern) && (loggerName.length() == this.pattern.length()
				|| loggerName.charAt(this.pattern.length()) == '.' || loggerName.charAt(this.pattern.length()) == '$');
	}

}
