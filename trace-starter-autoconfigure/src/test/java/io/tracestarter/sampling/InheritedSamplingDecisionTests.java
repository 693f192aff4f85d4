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

import io.tracestarter.autoconfigure.TraceProperties;
import io.tracestarter.core.RequestSampling.Kind;
import io.tracestarter.core.RequestSampling.Request;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decision that travels with a trace id: a request sampled out upstream is sampled
 * out here whatever this service's rules say, and a trace sampled out here stays so after
 * its request ended, for the work it started.
 */
class InheritedSamplingDecisionTests {

	private final SampledRequests requests = requests();

	@Test
	void aTraceSampledOutUpstreamIsSampledOutHereThoughNoRuleMatches() {
		Request request = this.requests.begin("upstream-1", Kind.KAFKA_TOPIC, "no-rule-matches", true);
		assertThat(request).isNotSameAs(Request.NONE);
		assertThat(this.requests.isSampledOut("upstream-1")).isTrue();
		assertThat(this.requests.get("upstream-1").ruleFor("any.Logger").name())
			.isEqualTo(SamplingRules.INHERITED_NAME);
		request.end(false);
		assertThat(this.requests.isSampledOut("upstream-1")).isTrue();
	}

	@Test
	void withoutAnUpstreamDecisionNoRuleMeansEveryLineIsWritten() {
		assertThat(this.requests.begin("plain-1", Kind.KAFKA_TOPIC, "no-rule-matches", false)).isSameAs(Request.NONE);
		assertThat(this.requests.isSampledOut("plain-1")).isFalse();
	}

	@Test
	void aTraceSampledOutHereStaysSoForWorkThatStartsAfterItsRequestEnded() {
		Request http = this.requests.begin("late-1", Kind.ROUTE, "/orders/1");
		assertThat(this.requests.isSampledOut("late-1")).isTrue();
		http.end(false);
		assertThat(this.requests.get("late-1")).isNull();
		assertThat(this.requests.isSampledOut("late-1")).isTrue();
		// A record it sent, consumed later, with no header at all (the same process).
		Request record = this.requests.begin("late-1", Kind.KAFKA_TOPIC, "events", false);
		assertThat(record).isNotSameAs(Request.NONE);
		record.end(false);
	}

	@Test
	void rememberedDecisionsAreBoundedByMaxRequests() {
		for (int i = 0; i < 50; i++) {
			this.requests.begin("many-" + i, Kind.ROUTE, "/orders/" + i).end(false);
		}
		assertThat(this.requests.isSampledOut("many-49")).isTrue();
		assertThat(this.requests.isSampledOut("many-0")).isFalse();
	}

	private static SampledRequests requests() {
		TraceProperties.Sampling sampling = new TraceProperties().getSampling();
		TraceProperties.Sampling.Rule rule = new TraceProperties.Sampling.Rule();
		rule.setRoute("/orders/**");
		rule.setRate(0);
		sampling.getRules().add(rule);
		sampling.getBuffer().setMaxRequests(10);
		SamplingCounters counters = new SamplingCounters();
		return new SampledRequests(SamplingRules.of(sampling, counters),
				SampledRequests.Limits.of(sampling.getBuffer()), counters, System::nanoTime);
	}

}
