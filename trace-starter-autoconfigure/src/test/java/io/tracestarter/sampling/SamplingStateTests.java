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

import java.time.Instant;
import java.util.function.Consumer;

import io.tracestarter.autoconfigure.TraceProperties;
import io.tracestarter.core.RequestSampling.Kind;
import io.tracestarter.core.RequestSampling.Request;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code /actuator/tracecontext} shows of log sampling: the rules in order with
 * their line counts, the requests by outcome, and the buffers now with their bounds.
 */
class SamplingStateTests {

	private static final long SECOND = 1_000_000_000L;

	private final SamplingCounters counters = new SamplingCounters();

	private final SampledRequests requests = new SampledRequests(rules((rule) -> {
		rule.setName("quiet");
		rule.setRoute("/quiet/**");
		rule.setRate(0);
	}, (rule) -> {
		rule.setKafkaTopic("orders");
		rule.setRate(0.25);
	}, (rule) -> {
		rule.setLogger("noisy");
		rule.setRate(1);
	}), new SampledRequests.Limits(4, 1000, 5000, 2, 60 * SECOND), this.counters, () -> 0L);

	private final SamplingState state = new SamplingState(this.requests, this.counters);

	@Test
	void withNothingDoneTheRulesAreListedInOrderWithNoCounts() {
		SamplingState.Descriptor descriptor = this.state.describe();
		assertThat(descriptor.rules()).containsExactly(
				new SamplingState.RuleDescriptor("quiet", "route", "/quiet/**", 0, 0, 0, 0, 0),
				new SamplingState.RuleDescriptor("kafka-topic:orders", "kafka-topic", "orders", 0.25, 0, 0, 0, 0),
				new SamplingState.RuleDescriptor("logger:noisy", "logger", "noisy", 1, 0, 0, 0, 0));
		assertThat(descriptor.requests()).isEqualTo(new SamplingState.Requests(0, 0, 0, 0));
		assertThat(descriptor.buffers()).isEqualTo(new SamplingState.Buffers(0, 0, 2, 5000, 4, 1000));
	}

	@Test
	void theRulesCarryTheirLineCounts() {
		SamplingCounters.Lines lines = this.requests.rules().all().get(0).counters();
		lines.kept.add(1);
		lines.dropped.add(2);
		lines.flushed.add(3);
		lines.overflowed.add(4);
		assertThat(this.state.describe().rules().get(0))
			.isEqualTo(new SamplingState.RuleDescriptor("quiet", "route", "/quiet/**", 0, 1, 2, 3, 4));
	}

	@Test
	void theRequestsAreCountedByOutcomeAndTheBuffersShowWhatIsHeldNow() {
		Request succeeded = this.requests.begin("quiet-1", Kind.ROUTE, "/quiet/a");
		Request failed = this.requests.begin("quiet-2", Kind.ROUTE, "/quiet/a");
		this.requests.begin("quiet-3", Kind.ROUTE, "/quiet/a");
		this.requests.hold(this.requests.get("quiet-1"), "line", new FixedSize(300),
				this.requests.rules().all().get(0));
		SamplingState.Descriptor during = this.state.describe();
		assertThat(during.buffers().requests()).isEqualTo(2);
		assertThat(during.buffers().bytes()).isEqualTo(300);
		assertThat(during.requests()).isEqualTo(new SamplingState.Requests(2, 0, 0, 1));
		succeeded.end(false);
		failed.end(true);
		SamplingState.Descriptor after = this.state.describe();
		assertThat(after.buffers()).isEqualTo(new SamplingState.Buffers(0, 0, 2, 5000, 4, 1000));
		assertThat(after.requests()).isEqualTo(new SamplingState.Requests(2, 1, 0, 1));
		assertThat(after.rules().get(0).dropped()).isOne();
	}

	@Test
	void newRulesAndLimitsShowAtOnce() {
		this.requests.update(rules((rule) -> {
			rule.setGrpcMethod("echo.Echo/*");
			rule.setRate(0.5);
		}), new SampledRequests.Limits(8, 2000, 9000, 3, 60 * SECOND));
		SamplingState.Descriptor descriptor = this.state.describe();
		assertThat(descriptor.rules()).containsExactly(new SamplingState.RuleDescriptor("grpc-method:echo.Echo/*",
				"grpc-method", "echo.Echo/*", 0.5, 0, 0, 0, 0));
		assertThat(descriptor.buffers()).isEqualTo(new SamplingState.Buffers(0, 0, 3, 9000, 8, 2000));
	}

	@SafeVarargs
	private SamplingRules rules(Consumer<TraceProperties.Sampling.Rule>... configurers) {
		TraceProperties.Sampling sampling = new TraceProperties().getSampling();
		for (Consumer<TraceProperties.Sampling.Rule> configurer : configurers) {
			TraceProperties.Sampling.Rule rule = new TraceProperties.Sampling.Rule();
			configurer.accept(rule);
			sampling.getRules().add(rule);
		}
		return SamplingRules.of(sampling, this.counters);
	}

	/**
	 * Lines as strings, each costing the same.
	 */
	private record FixedSize(int bytes) implements SampledEvents<String> {

		@Override
		public @Nullable String traceId(String event) {
			return null;
		}

		@Override
		public String logger(String event) {
			return "app";
		}

		@Override
		public Instant instant(String event) {
			return Instant.EPOCH;
		}

		@Override
		public int estimatedBytes(String event) {
			return this.bytes;
		}

		@Override
		public String freeze(String event) {
			return event;
		}

		@Override
		public String captured(String event, String reason) {
			return event;
		}

		@Override
		public String overflowMarker(String traceId, String message, Instant firstLost) {
			return message;
		}

		@Override
		public void write(String event) {
		}

	}

}
