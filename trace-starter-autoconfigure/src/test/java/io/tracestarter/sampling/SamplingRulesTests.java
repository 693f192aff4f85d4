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

import java.util.function.Consumer;

import io.tracestarter.autoconfigure.TraceProperties;
import io.tracestarter.core.RequestSampling.Kind;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Sampling rules from {@code trace.sampling.rules}: matching in order, and a clear error
 * naming the property for a rule that does not check.
 */
class SamplingRulesTests {

	@Test
	void theFirstMatchingRequestRuleWins() {
		SamplingRules rules = rules((rule) -> rule.setRoute("/orders/**"), (rule) -> rule.setRoute("/**"),
				(rule) -> rule.setKafkaTopic("orders"));
		assertThat(rules.requestRule(Kind.ROUTE, "/orders/42")).isZero();
		assertThat(rules.requestRule(Kind.ROUTE, "/health")).isOne();
		assertThat(rules.requestRule(Kind.KAFKA_TOPIC, "orders")).isEqualTo(2);
		assertThat(rules.requestRule(Kind.GRPC_METHOD, "svc/Method")).isEqualTo(SamplingRules.NONE);
	}

	@Test
	void aLoggerRuleBeforeTheRequestsRuleDecidesTheLine() {
		SamplingRules rules = rules((rule) -> rule.setLogger("com.example.noisy"), (rule) -> rule.setRoute("/**"));
		int request = rules.requestRule(Kind.ROUTE, "/x");
		assertThat(rules.forLine("com.example.noisy.Child", request).name()).isEqualTo("logger:com.example.noisy");
		assertThat(rules.forLine("com.example.Other", request).name()).isEqualTo("route:/**");
	}

	@Test
	void aRuleIsNamedByItsPatternUnlessNamed() {
		SamplingRules rules = rules((rule) -> rule.setRoute("/a"), (rule) -> {
			rule.setRoute("/b");
			rule.setName(" health ");
		});
		assertThat(rules.all()).extracting(SamplingRule::name).containsExactly("route:/a", "health");
	}

	@Test
	void aRuleWithoutATargetOrWithTwoStopsStartUp() {
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> rules((rule) -> rule.setRate(0.5)))
			.withMessageContaining("trace.sampling.rules[0].route");
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class).isThrownBy(() -> rules((rule) -> {
			rule.setRoute("/a");
			rule.setLogger("b");
		})).withMessageContaining("exactly one of route, grpc-method, kafka-topic or logger");
	}

	@Test
	void aRateOutsideZeroToOneStopsStartUp() {
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class).isThrownBy(() -> rules((rule) -> {
			rule.setRoute("/a");
			rule.setRate(1.5);
		})).withMessageContaining("trace.sampling.rules[0].rate");
	}

	@Test
	void twoRulesWithOneNameStopStartUp() {
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> rules((rule) -> rule.setRoute("/a"), (rule) -> rule.setRoute("/a")))
			.withMessageContaining("trace.sampling.rules[1].name");
	}

	@SafeVarargs
	private static SamplingRules rules(Consumer<TraceProperties.Sampling.Rule>... configurers) {
		TraceProperties.Sampling sampling = new TraceProperties().getSampling();
		for (Consumer<TraceProperties.Sampling.Rule> configurer : configurers) {
			TraceProperties.Sampling.Rule rule = new TraceProperties.Sampling.Rule();
			configurer.accept(rule);
			sampling.getRules().add(rule);
		}
		return SamplingRules.of(sampling, new SamplingCounters());
	}

}
