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
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.tracestarter.autoconfigure.TraceProperties;
import io.tracestarter.core.RequestSampling.Kind;
import io.tracestarter.core.RequestSampling.Request;
import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceScope;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How each line is decided: written now, held back for its request, or dropped; WARN and
 * ERROR lines, lines without a trace id and lines no rule matches are always written; and
 * which DEBUG lines below their level the debug capture lets through.
 */
class LineSamplerTests {

	private static final long SECOND = 1_000_000_000L;

	private final SamplingCounters counters = new SamplingCounters();

	private final List<Line> written = new ArrayList<>();

	private final TestEvents events = new TestEvents();

	private final SampledRequests requests = new SampledRequests(rules((rule) -> {
		rule.setLogger("noisy");
		rule.setRate(0);
	}, (rule) -> {
		rule.setLogger("chatty");
		rule.setRate(1);
	}, (rule) -> {
		rule.setRoute("/quiet/**");
		rule.setRate(0);
	}, (rule) -> {
		rule.setRoute("/loud/**");
		rule.setRate(1);
	}), new SampledRequests.Limits(10, 10_000, 100_000, 10, 60 * SECOND), this.counters, () -> 0L);

	private final LineSampler sampler = new LineSampler(this.requests);

	LineSamplerTests() {
		this.requests.writeTo(this.events);
	}

	@Test
	void aLineWithoutTraceIdIsWrittenUnlessItIsACapturedDebugLine() {
		assertThat(decide(new Line(null, "noisy", "no id"), false, false)).isFalse();
		assertThat(decide(new Line(null, "noisy", "no id"), true, false)).isFalse();
		assertThat(decide(new Line(null, "noisy", "debug"), false, true)).isTrue();
		assertThat(allLineCounts()).isZero();
	}

	@Test
	void aLineNoRuleMatchesIsWrittenAndNotCounted() {
		assertThat(decide(new Line("free-1", "app", "hello"), false, false)).isFalse();
		assertThat(decide(new Line("free-1", "app", "debug"), false, true)).isTrue();
		assertThat(allLineCounts()).isZero();
	}

	@Test
	void aLineOutsideAnyRequestThatALoggerRuleDropsIsDroppedAndCounted() {
		assertThat(decide(new Line("free-2", "noisy.Child", "dropped"), false, false)).isTrue();
		assertThat(rule(0).counters().dropped.sum()).isOne();
		assertThat(rule(0).counters().kept.sum()).isZero();
		assertThat(this.written).isEmpty();
	}

	@Test
	void aLineOutsideAnyRequestThatALoggerRuleKeepsIsWrittenAndCountedAsKept() {
		assertThat(decide(new Line("free-3", "chatty", "kept"), false, false)).isFalse();
		assertThat(rule(1).counters().kept.sum()).isOne();
	}

	@Test
	void aCapturedDebugLineARuleKeepsIsNotCountedAsKept() {
		assertThat(decide(new Line("free-4", "chatty", "debug"), false, true)).isTrue();
		assertThat(rule(1).counters().kept.sum()).isZero();
	}

	@Test
	void warnAndErrorAreNeverHeldBackAndCountAsKeptByTheRuleThatMatched() {
		assertThat(decide(new Line("free-5", "noisy", "warn"), true, false)).isFalse();
		assertThat(rule(0).counters().kept.sum()).isOne();
		assertThat(rule(0).counters().dropped.sum()).isZero();
		Request request = this.requests.begin("quiet-1", Kind.ROUTE, "/quiet/a");
		assertThat(decide(new Line("quiet-1", "app", "error"), true, false)).isFalse();
		assertThat(rule(2).counters().kept.sum()).isOne();
		request.end(false);
		assertThat(this.written).isEmpty();
		assertThat(rule(2).counters().dropped.sum()).isZero();
	}

	@Test
	void aLineOfASampledOutRequestIsHeldAndDroppedWhenTheRequestSucceeds() {
		Request request = this.requests.begin("quiet-2", Kind.ROUTE, "/quiet/a");
		assertThat(decide(new Line("quiet-2", "app", "held"), false, false)).isTrue();
		assertThat(this.requests.totalBytes()).isPositive();
		request.end(false);
		assertThat(this.written).isEmpty();
		assertThat(rule(2).counters().dropped.sum()).isOne();
	}

	@Test
	void aLineOfASampledOutRequestIsHeldAndWrittenWhenTheRequestFails() {
		Request request = this.requests.begin("quiet-3", Kind.ROUTE, "/quiet/a");
		assertThat(decide(new Line("quiet-3", "app", "held"), false, false)).isTrue();
		assertThat(this.written).isEmpty();
		request.end(true);
		assertThat(this.written).containsExactly(new Line("quiet-3", "app", "held", SampledEvents.ERROR));
		assertThat(rule(2).counters().flushed.sum()).isOne();
	}

	@Test
	void aLineOfARequestThatAlreadyFailedIsWrittenAtOnceAsCaptured() {
		Request failing = this.requests.begin("quiet-4", Kind.ROUTE, "/quiet/a");
		Request other = this.requests.begin("quiet-4", Kind.ROUTE, "/quiet/a");
		failing.end(true);
		assertThat(decide(new Line("quiet-4", "app", "after"), false, false))
			.as("the engine must not write it a second time")
			.isTrue();
		assertThat(this.written).containsExactly(new Line("quiet-4", "app", "after", SampledEvents.ERROR));
		other.end(false);
	}

	@Test
	void aLateLineOfARecentlyEndedSampledOutRequestIsDropped() {
		this.requests.begin("quiet-5", Kind.ROUTE, "/quiet/a").end(false);
		assertThat(this.requests.get("quiet-5")).isNull();
		assertThat(decide(new Line("quiet-5", "app", "late"), false, false)).isTrue();
		assertThat(this.written).isEmpty();
		assertThat(rule(2).counters().dropped.sum()).isOne();
	}

	@Test
	void aLoggerRuleBeforeTheRequestRuleDecidesTheLinesOfItsLogger() {
		Request request = this.requests.begin("loud-1", Kind.ROUTE, "/loud/a");
		assertThat(decide(new Line("loud-1", "app", "kept"), false, false)).isFalse();
		assertThat(rule(3).counters().kept.sum()).isOne();
		assertThat(decide(new Line("loud-1", "noisy", "held"), false, false)).isTrue();
		request.end(true);
		assertThat(this.written).containsExactly(new Line("loud-1", "noisy", "held", SampledEvents.ERROR));
		assertThat(rule(0).counters().flushed.sum()).isOne();
	}

	@Test
	void noDebugLineIsCapturedWhenNoRequestIsHeld() {
		try (TraceScope scope = TraceContext.open("quiet-6")) {
			assertThat(this.sampler.capturesBelowLevel("app")).isFalse();
		}
	}

	@Test
	void noDebugLineIsCapturedWithoutACurrentTraceId() {
		Request request = this.requests.begin("quiet-7", Kind.ROUTE, "/quiet/a");
		assertThat(TraceContext.currentTraceId()).isNull();
		assertThat(this.sampler.capturesBelowLevel("app")).isFalse();
		request.end(false);
	}

	@Test
	void aDebugLineIsCapturedForTheCurrentBufferingRequestWhenItsRuleDropsIt() {
		Request quiet = this.requests.begin("quiet-8", Kind.ROUTE, "/quiet/a");
		Request loud = this.requests.begin("loud-2", Kind.ROUTE, "/loud/a");
		try (TraceScope scope = TraceContext.open("quiet-8")) {
			assertThat(this.sampler.capturesBelowLevel("app")).isTrue();
			assertThat(this.sampler.capturesBelowLevel("chatty")).as("a logger rule that keeps").isFalse();
		}
		try (TraceScope scope = TraceContext.open("loud-2")) {
			assertThat(this.sampler.capturesBelowLevel("app")).as("the request's rule keeps").isFalse();
			assertThat(this.sampler.capturesBelowLevel("noisy")).as("a logger rule that drops").isTrue();
		}
		try (TraceScope scope = TraceContext.open("other-1")) {
			assertThat(this.sampler.capturesBelowLevel("app")).as("not a held request").isFalse();
		}
		quiet.end(false);
		loud.end(false);
	}

	@Test
	void noDebugLineIsCapturedForARequestThatNoLongerBuffers() {
		Request failing = this.requests.begin("quiet-9", Kind.ROUTE, "/quiet/a");
		Request other = this.requests.begin("quiet-9", Kind.ROUTE, "/quiet/a");
		Request keep = this.requests.begin("quiet-10", Kind.ROUTE, "/quiet/a");
		failing.end(true);
		try (TraceScope scope = TraceContext.open("quiet-9")) {
			assertThat(this.sampler.capturesBelowLevel("app")).isFalse();
		}
		other.end(false);
		keep.end(false);
	}

	private boolean decide(Line line, boolean warnOrError, boolean belowLevel) {
		return this.sampler.isSampledOut(line, this.events, warnOrError, belowLevel);
	}

	private SamplingRule rule(int index) {
		return this.requests.rules().all().get(index);
	}

	private long allLineCounts() {
		return this.requests.rules()
			.all()
			.stream()
			.mapToLong((rule) -> rule.counters().kept.sum() + rule.counters().dropped.sum()
					+ rule.counters().flushed.sum() + rule.counters().overflowed.sum())
			.sum();
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
	 * A line as the sampler sees it; {@code reason} is set on captured copies.
	 */
	record Line(@Nullable String traceId, String logger, String message, @Nullable String reason) {

		Line(@Nullable String traceId, String logger, String message) {
			this(traceId, logger, message, null);
		}

	}

	private final class TestEvents implements SampledEvents<Line> {

		@Override
		public @Nullable String traceId(Line event) {
			return event.traceId();
		}

		@Override
		public String logger(Line event) {
			return event.logger();
		}

		@Override
		public Instant instant(Line event) {
			return Instant.EPOCH;
		}

		@Override
		public int estimatedBytes(Line event) {
			return 100;
		}

		@Override
		public Line freeze(Line event) {
			return event;
		}

		@Override
		public Line captured(Line event, String reason) {
			return new Line(event.traceId(), event.logger(), event.message(), reason);
		}

		@Override
		public Line overflowMarker(String traceId, String message, Instant firstLost) {
			return new Line(traceId, SampledEvents.MARKER_LOGGER, message, SampledEvents.OVERFLOW);
		}

		@Override
		public void write(Line event) {
			LineSamplerTests.this.written.add(event);
		}

	}

}
