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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import io.tracestarter.autoconfigure.TraceProperties;
import io.tracestarter.core.RequestSampling.Kind;
import io.tracestarter.core.RequestSampling.Request;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The held-back requests and their memory: which requests are held, what ending them does
 * (discard on success, write in order on failure), how several layers share one request,
 * and every bound (requests, lines, bytes per request and in total, age).
 */
class SampledRequestsTests {

	private static final long SECOND = 1_000_000_000L;

	private final LoggerContext loggers = loggerContext();

	private final SamplingCounters counters = new SamplingCounters();

	private final AtomicLong now = new AtomicLong(42 * SECOND);

	private final List<ILoggingEvent> written = new ArrayList<>();

	private final TestEvents events = new TestEvents();

	private final SamplingRules rules = rules((rule) -> {
		rule.setRoute("/quiet/**");
		rule.setRate(0);
	}, (rule) -> {
		rule.setRoute("/loud/**");
		rule.setRate(1);
	});

	private SampledRequests requests = requests(new SampledRequests.Limits(3, 1000, 10_000, 2, 60 * SECOND));

	@Test
	void aRequestNoRuleSamplesOutIsNotHeld() {
		assertThat(this.requests.begin("loud-1", Kind.ROUTE, "/loud/x")).isSameAs(Request.NONE);
		assertThat(this.requests.begin("none-1", Kind.ROUTE, "/other")).isSameAs(Request.NONE);
		assertThat(this.requests.begin("grpc-1", Kind.GRPC_METHOD, "/quiet/x")).isSameAs(Request.NONE);
		assertThat(this.requests.size()).isZero();
		assertThat(this.counters.requestsBuffered.sum()).isZero();
	}

	@Test
	void aSampledOutRequestIsHeldUntilItEndsAndItsLinesAreDroppedOnSuccess() {
		Request request = this.requests.begin("quiet-1", Kind.ROUTE, "/quiet/a");
		assertThat(request).isNotSameAs(Request.NONE);
		assertThat(this.requests.size()).isOne();
		assertThat(this.counters.requestsBuffered.sum()).isOne();
		SampledRequest held = this.requests.get("quiet-1");
		assertThat(held).isNotNull();
		assertThat(held.isBuffering()).isTrue();
		assertThat(hold(held, "line 1", 100)).isFalse();
		assertThat(hold(held, "line 2", 100)).isFalse();
		assertThat(this.requests.totalBytes()).isEqualTo(200);
		request.end(false);
		assertThat(this.requests.size()).isZero();
		assertThat(this.requests.totalBytes()).isZero();
		assertThat(this.requests.get("quiet-1")).isNull();
		assertThat(this.written).isEmpty();
		assertThat(rule(0).counters().dropped.sum()).isEqualTo(2);
		// A late line of the ended request is dropped too.
		assertThat(hold(held, "late", 10)).isFalse();
		assertThat(rule(0).counters().dropped.sum()).isEqualTo(3);
	}

	@Test
	void aFailingRequestWritesItsHeldLinesInOrderAndLaterLinesAtOnce() {
		Request request = this.requests.begin("quiet-2", Kind.ROUTE, "/quiet/a");
		SampledRequest held = this.requests.get("quiet-2");
		hold(held, "first", 10);
		hold(held, "second", 10);
		request.end(true);
		assertThat(this.written).extracting(ILoggingEvent::getFormattedMessage).containsExactly("first", "second");
		assertThat(this.written).allSatisfy((event) -> assertThat(event.getMDCPropertyMap())
			.containsEntry(SampledEvents.FIELD, SampledEvents.ERROR));
		assertThat(this.counters.requestsFlushed.sum()).isOne();
		assertThat(rule(0).counters().flushed.sum()).isEqualTo(2);
		assertThat(this.requests.totalBytes()).isZero();
		assertThat(this.requests.size()).isZero();
	}

	@Test
	void aLineOfARequestThatFailedWhileAnotherLayerStillRunsIsWrittenAtOnce() {
		Request http = this.requests.begin("shared-1", Kind.ROUTE, "/quiet/a");
		Request other = this.requests.begin("shared-1", Kind.ROUTE, "/quiet/a");
		assertThat(this.requests.size()).isOne();
		assertThat(this.counters.requestsBuffered.sum()).isOne();
		SampledRequest held = this.requests.get("shared-1");
		hold(held, "before", 10);
		http.end(true);
		assertThat(this.written).extracting(ILoggingEvent::getFormattedMessage).containsExactly("before");
		// The other layer is still at work: its lines now go out as they come.
		assertThat(this.requests.size()).isOne();
		assertThat(hold(held, "after", 10)).isTrue();
		other.end(false);
		assertThat(this.requests.size()).isZero();
	}

	@Test
	void aRequestSharedByLayersEndsWithTheLastOfThemAndEachEndCountsOnce() {
		Request first = this.requests.begin("shared-2", Kind.ROUTE, "/quiet/a");
		Request second = this.requests.begin("shared-2", Kind.KAFKA_TOPIC, "orders");
		first.end(false);
		first.end(false);
		assertThat(this.requests.size()).as("ending one layer twice does not end the other's part").isOne();
		hold(this.requests.get("shared-2"), "still held", 10);
		second.end(false);
		assertThat(this.requests.size()).isZero();
		assertThat(this.written).isEmpty();
		// A new request under the same id after the end is a new one.
		this.requests.begin("shared-2", Kind.ROUTE, "/quiet/a");
		assertThat(this.counters.requestsBuffered.sum()).isEqualTo(2);
	}

	@Test
	void atMostMaxRequestsAreHeldTheRestIsWrittenAsItComes() {
		this.requests.begin("r-1", Kind.ROUTE, "/quiet/a");
		this.requests.begin("r-2", Kind.ROUTE, "/quiet/a");
		assertThat(this.requests.begin("r-3", Kind.ROUTE, "/quiet/a")).isSameAs(Request.NONE);
		assertThat(this.requests.size()).isEqualTo(2);
		assertThat(this.counters.requestsUnbuffered.sum()).isOne();
	}

	@Test
	void linesOverMaxLinesAreLostAndAFailureAnnouncesThem() {
		Request request = this.requests.begin("full-1", Kind.ROUTE, "/quiet/a");
		SampledRequest held = this.requests.get("full-1");
		for (int i = 0; i < 5; i++) {
			assertThat(hold(held, "line " + i, 10)).isFalse();
		}
		assertThat(rule(0).counters().overflowed.sum()).isEqualTo(2);
		request.end(true);
		assertThat(this.written).extracting(ILoggingEvent::getFormattedMessage)
			.startsWith("line 0", "line 1", "line 2")
			.hasSize(4)
			.last()
			.asString()
			.contains("2 lines of this failed request were not kept");
		assertThat(this.written.get(3).getMDCPropertyMap()).containsEntry(SampledEvents.FIELD, SampledEvents.OVERFLOW)
			.containsEntry("trace_id", "full-1");
	}

	@Test
	void aRequestKeepsAtMostMaxBytes() {
		this.requests.begin("big-1", Kind.ROUTE, "/quiet/a");
		SampledRequest held = this.requests.get("big-1");
		hold(held, "600", 600);
		hold(held, "500", 500);
		assertThat(this.requests.totalBytes()).isEqualTo(600);
		assertThat(rule(0).counters().overflowed.sum()).isOne();
	}

	@Test
	void allRequestsTogetherKeepAtMostMaxTotalBytes() {
		this.requests = requests(new SampledRequests.Limits(100, 1000, 1500, 10, 60 * SECOND));
		for (int i = 0; i < 3; i++) {
			this.requests.begin("total-" + i, Kind.ROUTE, "/quiet/a");
			hold(this.requests.get("total-" + i), "line", 600);
		}
		assertThat(this.requests.totalBytes()).isEqualTo(1200);
		assertThat(rule(0).counters().overflowed.sum()).isOne();
	}

	@Test
	void aRequestOlderThanMaxAgeIsLetGoWhenAnotherStarts() {
		this.requests.begin("old-1", Kind.ROUTE, "/quiet/a");
		hold(this.requests.get("old-1"), "held", 100);
		this.now.addAndGet(61 * SECOND);
		this.requests.begin("new-1", Kind.ROUTE, "/quiet/a");
		assertThat(this.requests.get("old-1")).isNull();
		assertThat(this.requests.get("new-1")).isNotNull();
		assertThat(this.counters.requestsExpired.sum()).isOne();
		assertThat(this.requests.totalBytes()).isZero();
		assertThat(rule(0).counters().dropped.sum()).isOne();
	}

	@Test
	void aYoungRequestIsNotLetGo() {
		this.requests.begin("young-1", Kind.ROUTE, "/quiet/a");
		this.now.addAndGet(59 * SECOND);
		this.requests.begin("young-2", Kind.ROUTE, "/quiet/a");
		assertThat(this.requests.size()).isEqualTo(2);
		assertThat(this.counters.requestsExpired.sum()).isZero();
	}

	@Test
	void aLoggerRuleThatDropsMakesEveryRequestHeld() {
		this.requests = new SampledRequests(rules((rule) -> {
			rule.setLogger("noisy");
			rule.setRate(0);
		}), new SampledRequests.Limits(3, 1000, 10_000, 2, 60 * SECOND), this.counters, this.now::get);
		Request request = this.requests.begin("any-1", Kind.ROUTE, "/anything");
		assertThat(request).isNotSameAs(Request.NONE);
		assertThat(this.requests.get("any-1").ruleFor("noisy.Child")).isNotNull();
		assertThat(this.requests.get("any-1").ruleFor("other")).isNull();
	}

	private SampledRequests requests(SampledRequests.Limits limits) {
		SampledRequests requests = new SampledRequests(this.rules, limits, this.counters, this.now::get);
		requests.writeTo(this.events);
		return requests;
	}

	private SamplingRule rule(int index) {
		return this.requests.rules().all().get(index);
	}

	private boolean hold(SampledRequest request, String message, int bytes) {
		LoggingEvent event = new LoggingEvent(getClass().getName(), this.loggers.getLogger("app"), Level.INFO, message,
				null, null);
		this.events.nextBytes = bytes;
		return this.requests.hold(request, event, this.events, rule(0));
	}

	private static LoggerContext loggerContext() {
		LoggerContext context = new LoggerContext();
		context.setMDCAdapter(new LogbackMDCAdapter());
		return context;
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
	 * Logback's events as the buffers see them, each costing what the test says, written
	 * to {@code written}.
	 */
	private final class TestEvents implements SampledEvents<ILoggingEvent> {

		int nextBytes;

		@Override
		public @Nullable String traceId(ILoggingEvent event) {
			return event.getMDCPropertyMap().get("trace_id");
		}

		@Override
		public String logger(ILoggingEvent event) {
			return event.getLoggerName();
		}

		@Override
		public Instant instant(ILoggingEvent event) {
			return event.getInstant();
		}

		@Override
		public int estimatedBytes(ILoggingEvent event) {
			return this.nextBytes;
		}

		@Override
		public ILoggingEvent freeze(ILoggingEvent event) {
			event.prepareForDeferredProcessing();
			return event;
		}

		@Override
		public ILoggingEvent captured(ILoggingEvent event, String reason) {
			return CapturedLine.copy(event, reason);
		}

		@Override
		public ILoggingEvent overflowMarker(String traceId, String message, Instant firstLost) {
			return CapturedLine.overflowMarker(traceId, message, firstLost);
		}

		@Override
		public void write(ILoggingEvent event) {
			SampledRequestsTests.this.written.add(event);
		}

	}

}
