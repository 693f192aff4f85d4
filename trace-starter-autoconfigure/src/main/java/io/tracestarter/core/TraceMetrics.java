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

package io.tracestarter.core;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;

/**
 * Counts what happens to trace ids in each layer: extracted (by source), generated,
 * rejected (by reason), propagated outbound. Counter tags never hold an inbound value,
 * only source names and reasons, so the set of counters stays small.
 *
 * @since 0.1.0
 */
public final class TraceMetrics {

	/** Name of the one counter; outcome, layer and source or reason are its tags. */
	public static final String NAME = "trace.ids";

	/** Outcome of ids taken from an inbound source. */
	public static final String EXTRACTED = "extracted";

	/** Outcome of ids made because none valid arrived. */
	public static final String GENERATED = "generated";

	/** Outcome of inbound values rejected by validation. */
	public static final String REJECTED = "rejected";

	/** Outcome of ids sent on to another service. */
	public static final String PROPAGATED = "propagated";

	/** Outcome of ids not sent on because they break the id rules. */
	public static final String WITHHELD = "withheld";

	private final Map<Counter, LongAdder> counters = new ConcurrentHashMap<>();

	// Counters of every request (generated, propagated, extracted) are found by the
	// layer's ordinal without making a key: a record key costs an object and four hash
	// codes per event.
	private final AtomicReferenceArray<@Nullable LongAdder> generatedByLayer = new AtomicReferenceArray<>(
			Layer.values().length);

	private final AtomicReferenceArray<@Nullable LongAdder> propagatedByLayer = new AtomicReferenceArray<>(
			Layer.values().length);

	private final AtomicReferenceArray<@Nullable Map<InboundSource, LongAdder>> extractedByLayer = new AtomicReferenceArray<>(
			Layer.values().length);

	private volatile BiConsumer<Counter, LongAdder> listener = (counter, adder) -> {
	};

	/**
	 * Count an id taken from an inbound source.
	 * @param layer the layer it came in by
	 * @param source the source it was read from
	 */
	public void extracted(Layer layer, InboundSource source) {
		Map<InboundSource, LongAdder> bySource = this.extractedByLayer.get(layer.ordinal());
		LongAdder adder = (bySource != null) ? bySource.get(source) : null;
		if (adder == null) {
			adder = newAdder(new Counter(EXTRACTED, layer.tag(), "source", source.toString()));
			if (bySource == null) {
				this.extractedByLayer.compareAndSet(layer.ordinal(), null, new ConcurrentHashMap<>());
				bySource = Objects.requireNonNull(this.extractedByLayer.get(layer.ordinal()));
			}
			bySource.put(source, adder);
		}
		adder.increment();
	}

	/**
	 * Count an id made because none valid arrived.
	 * @param layer the layer that made it
	 */
	public void generated(Layer layer) {
		increment(this.generatedByLayer, GENERATED, layer);
	}

	/**
	 * Count an inbound value refused.
	 * @param layer the layer it came in by
	 * @param reason why it was refused
	 */
	public void rejected(Layer layer, RejectionReason reason) {
		increment(new Counter(REJECTED, layer.tag(), "reason", reason.tagValue()));
	}

	/**
	 * Count an id not sent on because it breaks the id rules.
	 * @param layer the layer it would have left by
	 * @param reason the rule it broke
	 */
	public void withheld(Layer layer, RejectionReason reason) {
		increment(new Counter(WITHHELD, layer.tag(), "reason", reason.tagValue()));
	}

	/**
	 * Count an id sent on to another service.
	 * @param layer the layer it left by
	 */
	public void propagated(Layer layer) {
		increment(this.propagatedByLayer, PROPAGATED, layer);
	}

	/**
	 * Return the count of one counter.
	 * @param outcome the outcome
	 * @param layer the layer
	 * @param tagValue the source or reason, or {@code null} for counters without one
	 * @return the count, 0 when it never moved
	 */
	public long count(String outcome, Layer layer, @Nullable String tagValue) {
		return this.counters.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().outcome().equals(outcome) && entry.getKey().layer().equals(layer.tag())
					&& (tagValue == null || tagValue.equals(entry.getKey().tagValue())))
			.mapToLong((entry) -> entry.getValue().sum())
			.sum();
	}

	/**
	 * Return every counter and its value, sorted, for reports.
	 * @return a copy of the counters
	 */
	public Map<Counter, Long> snapshot() {
		Map<Counter, Long> snapshot = new TreeMap<>();
		this.counters.forEach((counter, adder) -> snapshot.put(counter, adder.sum()));
		return snapshot;
	}

	/**
	 * Call {@code listener} for every counter that exists now and for every counter made
	 * later; used to publish them to a meter registry.
	 * @param listener receives each counter once, with its live adder
	 */
	public synchronized void onEachCounter(BiConsumer<Counter, LongAdder> listener) {
		this.listener = listener;
		this.counters.forEach(listener);
	}

	private void increment(AtomicReferenceArray<@Nullable LongAdder> byLayer, String outcome, Layer layer) {
		LongAdder adder = byLayer.get(layer.ordinal());
		if (adder == null) {
			adder = newAdder(new Counter(outcome, layer.tag(), null, null));
			byLayer.set(layer.ordinal(), adder);
		}
		adder.increment();
	}

	private void increment(Counter counter) {
		LongAdder adder = this.counters.get(counter);
		if (adder == null) {
			adder = newAdder(counter);
		}
		adder.increment();
	}

	private synchronized LongAdder newAdder(Counter counter) {
		LongAdder existing = this.counters.get(counter);
		if (existing != null) {
			return existing;
		}
		LongAdder adder = new LongAdder();
		this.counters.put(counter, adder);
		this.listener.accept(counter, adder);
		return adder;
	}

	/**
	 * One counter: the layer, the outcome and at most one more tag.
	 *
	 * @param outcome extracted, generated, rejected, propagated or withheld
	 * @param layer the layer: http, reactor, async, grpc, kafka
	 * @param tagKey {@code source} or {@code reason}, or {@code null}
	 * @param tagValue its value, or {@code null}
	 */
	public record Counter(String outcome, String layer, @Nullable String tagKey,
			@Nullable String tagValue) implements Comparable<Counter> {

		@Override
		public int compareTo(Counter other) {
			return toString().compareTo(other.toString());
		}

		@Override
		public String toString() {
			return this.layer + "," + this.outcome
					+ ((this.tagKey != null) ? "," + this.tagKey + "=" + this.tagValue : "");
		}

	}

}
