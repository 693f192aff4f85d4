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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;

import io.tracestarter.autoconfigure.TraceProperties;
import io.tracestarter.core.RequestSampling;
import io.tracestarter.sampling.SampledRequest.Held;
import io.tracestarter.sampling.SampledRequest.State;
import org.jspecify.annotations.Nullable;

/**
 * The requests whose lines are held back, by trace id, and their memory: at most
 * {@code max-requests} requests, {@code max-lines} and {@code max-bytes} each,
 * {@code max-total-bytes} together, and none older than {@code max-age} (checked as
 * requests start, so a request that never ends is let go).
 */
final class SampledRequests implements RequestSampling {

	private final Map<String, SampledRequest> requests = new ConcurrentHashMap<>();

	private final AtomicLong totalBytes = new AtomicLong();

	/** Sampled-out requests that ended lately, by id, at most {@code max-requests}. */
	private final Map<String, SampledRequest> recentlySampledOut = new ConcurrentHashMap<>();

	private final AtomicReferenceArray<@Nullable SampledRequest> recent;

	private final AtomicLong recentCursor = new AtomicLong();

	private final AtomicLong lastSweep;

	private final SamplingCounters counters;

	private final LongSupplier nanoTime;

	private volatile SamplingRules rules;

	private volatile Limits limits;

	private volatile @Nullable SampledEvents<?> events;

	SampledRequests(SamplingRules rules, Limits limits, SamplingCounters counters, LongSupplier nanoTime) {
		this.rules = rules;
		this.limits = limits;
		this.counters = counters;
		this.nanoTime = nanoTime;
		this.lastSweep = new AtomicLong(nanoTime.getAsLong());
		this.recent = new AtomicReferenceArray<>(Math.max(1, limits.maxRequests()));
	}

	/** Where held-back lines go when a request fails: the appenders sampling wraps. */
	void writeTo(SampledEvents<?> events) {
		this.events = events;
	}

	void update(SamplingRules rules, Limits limits) {
		this.rules = rules;
		this.limits = limits;
	}

	SamplingRules rules() {
		return this.rules;
	}

	Limits limits() {
		return this.limits;
	}

	@Nullable SampledRequest get(String traceId) {
		return this.requests.get(traceId);
	}

	int size() {
		return this.requests.size();
	}

	long totalBytes() {
		return this.totalBytes.get();
	}

	/**
	 * The request of {@code traceId}: running, else one sampled out that ended a short
	 * while ago (its late lines are dropped as its own were).
	 */
	@Nullable SampledRequest getOrRecent(String traceId) {
		SampledRequest running = this.requests.get(traceId);
		return (running != null) ? running : this.recentlySampledOut.get(traceId);
	}

	@Override
	public boolean isSampledOut(String traceId) {
		SampledRequest request = getOrRecent(traceId);
		return request != null && request.isSampledOut();
	}

	@Override
	public Request begin(String traceId, Kind kind, String name) {
		return begin(traceId, kind, name, false);
	}

	@Override
	public Request begin(String traceId, Kind kind, String name, boolean sampledOutUpstream) {
		SampledRequest running = this.requests.get(traceId);
		if (running != null && join(running)) {
			return new Handle(running);
		}
		SamplingRules rules = this.rules;
		int requestRule = rules.requestRule(kind, name);
		SamplingRule rule = rules.get(requestRule);
		long randomness = TraceIdRandomness.of(traceId);
		boolean sampledOut = rule != null && !rule.keeps(randomness);
		// One decision per trace: sampled out upstream, or here earlier (a record this
		// service sent itself, consumed after its request ended), holds whatever this
		// request's own rule says.
		if (!sampledOut && (sampledOutUpstream || this.recentlySampledOut.containsKey(traceId))) {
			requestRule = SamplingRules.INHERITED;
			sampledOut = true;
		}
		if (!sampledOut && !rules.loggerRulesDrop()) {
			// Every line of this request is written as it comes: nothing to hold.
			return Request.NONE;
		}
		long now = this.nanoTime.getAsLong();
		sweepIfDue(now);
		Limits limits = this.limits;
		if (this.requests.size() >= limits.maxRequests()) {
			this.counters.requestsUnbuffered.increment();
			return Request.NONE;
		}
		SampledRequest[] joined = new SampledRequest[1];
		int decidedRule = requestRule;
		SampledRequest request = this.requests.compute(traceId, (id, existing) -> {
			if (existing != null && join(existing)) {
				joined[0] = existing;
				return existing;
			}
			return new SampledRequest(id, rules, decidedRule, randomness, now);
		});
		if (joined[0] == null) {
			this.counters.requestsBuffered.increment();
		}
		return new Handle(request);
	}

	private static boolean join(SampledRequest request) {
		synchronized (request) {
			if (request.state == State.ENDED) {
				return false;
			}
			request.parties++;
			return true;
		}
	}

	/**
	 * Hold a sampled-out line back, or say it must be written because its request already
	 * failed.
	 * @return {@code true} when the line must be written now
	 */
	<E> boolean hold(SampledRequest request, E event, SampledEvents<E> events, SamplingRule rule) {
		int bytes = events.estimatedBytes(event);
		synchronized (request) {
			if (request.state == State.FAILED) {
				rule.counters().flushed.increment();
				return true;
			}
			List<Held> held = request.held;
			if (request.state == State.ENDED || held == null) {
				rule.counters().dropped.increment();
				return false;
			}
			Limits limits = this.limits;
			if (held.size() >= limits.maxLines() || request.bytes + bytes > limits.maxBytes() || !reserve(bytes)) {
				rule.counters().overflowed.increment();
				if (request.linesLost++ == 0) {
					request.firstLost = events.instant(event);
				}
				return false;
			}
			// Message, thread and MDC are taken now: the event outlives this call.
			held.add(new Held(events.freeze(event), rule, bytes));
			request.bytes += bytes;
			return false;
		}
	}

	private boolean reserve(long bytes) {
		long max = this.limits.maxTotalBytes();
		while (true) {
			long current = this.totalBytes.get();
			if (current + bytes > max) {
				return false;
			}
			if (this.totalBytes.compareAndSet(current, current + bytes)) {
				return true;
			}
		}
	}

	private void end(SampledRequest request, boolean failed) {
		synchronized (request) {
			if (failed && request.state == State.BUFFERING) {
				flush(request);
			}
			if (--request.parties > 0 || request.state == State.ENDED) {
				return;
			}
			discard(request);
			request.state = State.ENDED;
		}
		this.requests.remove(request.traceId, request);
		remember(request);
	}

	// The decision outlives the request, for work it started that runs later.
	private void remember(SampledRequest request) {
		if (!request.isSampledOut()) {
			return;
		}
		int slot = (int) (this.recentCursor.getAndIncrement() % this.recent.length());
		SampledRequest evicted = this.recent.getAndSet(slot, request);
		if (evicted != null) {
			this.recentlySampledOut.remove(evicted.traceId, evicted);
		}
		this.recentlySampledOut.put(request.traceId, request);
	}

	// Written under the request's monitor, so a line of the same request that comes in
	// meanwhile is written after the held ones.
	private void flush(SampledRequest request) {
		List<Held> held = request.held;
		request.held = null;
		request.state = State.FAILED;
		this.totalBytes.addAndGet(-request.bytes);
		request.bytes = 0;
		this.counters.requestsFlushed.increment();
		SampledEvents<?> events = this.events;
		if (events == null) {
			return;
		}
		if (held != null) {
			for (Held line : held) {
				line.rule().counters().flushed.increment();
				writeCaptured(events, line.event());
			}
		}
		if (request.linesLost > 0) {
			Limits limits = this.limits;
			Instant firstLost = (request.firstLost != null) ? request.firstLost : Instant.now();
			String message = "Log sampling: " + request.linesLost
					+ " lines of this failed request were not kept because its buffer"
					+ " was full (trace.sampling.buffer: max-lines " + limits.maxLines() + ", max-bytes "
					+ limits.maxBytes() + ", or max-total-bytes across requests)";
			writeOverflowMarker(events, request.traceId, message, firstLost);
		}
	}

	// Held lines are the events of the engine that held them.
	@SuppressWarnings("unchecked")
	private static <E> void writeCaptured(SampledEvents<E> events, Object held) {
		events.write(events.captured((E) held, SampledEvents.ERROR));
	}

	private static <E> void writeOverflowMarker(SampledEvents<E> events, String traceId, String message,
			Instant firstLost) {
		events.write(events.overflowMarker(traceId, message, firstLost));
	}

	private void discard(SampledRequest request) {
		List<Held> held = request.held;
		request.held = null;
		if (held != null) {
			for (Held line : held) {
				line.rule().counters().dropped.increment();
			}
		}
		this.totalBytes.addAndGet(-request.bytes);
		request.bytes = 0;
	}

	private void sweepIfDue(long now) {
		long last = this.lastSweep.get();
		if (now - last < this.limits.sweepIntervalNanos() || !this.lastSweep.compareAndSet(last, now)) {
			return;
		}
		long maxAge = this.limits.maxAgeNanos();
		for (SampledRequest request : this.requests.values()) {
			if (now - request.startedNanos > maxAge) {
				expire(request);
			}
		}
	}

	private void expire(SampledRequest request) {
		synchronized (request) {
			if (request.state == State.ENDED) {
				return;
			}
			discard(request);
			request.state = State.ENDED;
		}
		this.requests.remove(request.traceId, request);
		remember(request);
		this.counters.requestsExpired.increment();
	}

	record Limits(int maxLines, long maxBytes, long maxTotalBytes, int maxRequests, long maxAgeNanos) {

		static Limits of(TraceProperties.Sampling.Buffer buffer) {
			return new Limits(buffer.getMaxLines(), buffer.getMaxBytes().toBytes(), buffer.getMaxTotalBytes().toBytes(),
					buffer.getMaxRequests(), buffer.getMaxAge().toNanos());
		}

		long sweepIntervalNanos() {
			return Math.max(10_000_000L, Math.min(1_000_000_000L, this.maxAgeNanos / 4));
		}

	}

	/** One layer's part in a request; ends it once. */
	private final class Handle implements Request {

		private final SampledRequest request;

		private final AtomicBoolean ended = new AtomicBoolean();

		Handle(SampledRequest request) {
			this.request = request;
		}

		@Override
		public void end(boolean failed) {
			if (this.ended.compareAndSet(false, true)) {
				SampledRequests.this.end(this.request, failed);
			}
		}

	}

}
