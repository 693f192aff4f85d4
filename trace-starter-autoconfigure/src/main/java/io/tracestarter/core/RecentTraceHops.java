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

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.jspecify.annotations.Nullable;

/**
 * Keeps the hops of the most recent trace ids in bounded memory: at most {@code maxIds}
 * ids (the oldest id is dropped when a new one arrives) and at most {@code maxHopsPerId}
 * hops per id (later hops are counted, not kept). A thread change that no layer announced
 * is recorded when context propagation restores the id on the new thread (layer
 * {@code reactor}), or when a line is logged there (layer {@code context}). The first
 * line logged after a hop names the hop's logger.
 *
 * @since 0.1.0
 */
public final class RecentTraceHops implements TraceHopRecorder {

	private final int maxHopsPerId;

	private final Map<String, Timeline> timelines = new ConcurrentHashMap<>();

	private final AtomicReferenceArray<String> order;

	private final AtomicLong next = new AtomicLong();

	public RecentTraceHops(int maxIds, int maxHopsPerId) {
		if (maxIds < 1 || maxHopsPerId < 1) {
			throw new IllegalArgumentException("maxIds and maxHopsPerId must be at least 1");
		}
		this.order = new AtomicReferenceArray<>(maxIds);
		this.maxHopsPerId = maxHopsPerId;
	}

	@Override
	public void record(String traceId, Layer layer, HopEvent event) {
		timeline(traceId).add(layer.tag(), event.tag(), null);
	}

	@Override
	public void restored(String traceId) {
		Timeline timeline = this.timelines.get(traceId);
		if (timeline != null && timeline.movedThread()) {
			timeline.add(Layer.REACTOR.tag(), HopEvent.HOP.tag(), null);
		}
	}

	@Override
	public void logged(String traceId, String loggerName) {
		Timeline timeline = this.timelines.get(traceId);
		if (timeline == null) {
			return;
		}
		if (timeline.movedThread()) {
			timeline.add(Layer.CONTEXT.tag(), HopEvent.HOP.tag(), loggerName);
		}
		else {
			timeline.nameLogger(loggerName);
		}
	}

	/**
	 * Return the hops of one id, oldest first.
	 * @param traceId the id
	 * @return the hops, or {@code null} when the id is unknown or no longer kept
	 */
	public @Nullable Hops hops(String traceId) {
		Timeline timeline = this.timelines.get(traceId);
		return (timeline != null) ? timeline.snapshot() : null;
	}

	/**
	 * Return how many ids are kept now.
	 * @return the count
	 */
	public int size() {
		return this.timelines.size();
	}

	private Timeline timeline(String traceId) {
		Timeline timeline = this.timelines.get(traceId);
		if (timeline != null) {
			return timeline;
		}
		Timeline created = new Timeline(this.maxHopsPerId);
		Timeline existing = this.timelines.putIfAbsent(traceId, created);
		if (existing != null) {
			return existing;
		}
		int slot = (int) (this.next.getAndIncrement() % this.order.length());
		String evicted = this.order.getAndSet(slot, traceId);
		if (evicted != null && !evicted.equals(traceId)) {
			this.timelines.remove(evicted);
		}
		return created;
	}

	/**
	 * One hop.
	 *
	 * @param time when it happened
	 * @param layer the layer
	 * @param event in, out or hop
	 * @param thread the thread it happened on
	 * @param logger the first logger that wrote a line there, or {@code null}
	 */
	public record Hop(Instant time, String layer, String event, String thread, @Nullable String logger) {
	}

	/**
	 * The kept hops of one id.
	 *
	 * @param hops the hops, oldest first
	 * @param dropped how many later hops were not kept
	 */
	public record Hops(List<Hop> hops, long dropped) {
	}

	private static final class Timeline {

		private final int maxHops;

		private final List<Hop> hops = new ArrayList<>();

		private long dropped;

		private volatile long lastThreadId = -1;

		private int unnamedHop = -1;

		Timeline(int maxHops) {
			this.maxHops = maxHops;
		}

		boolean movedThread() {
			return this.lastThreadId != Thread.currentThread().getId();
		}

		synchronized void add(String layer, String event, @Nullable String logger) {
			Thread thread = Thread.currentThread();
			this.lastThreadId = thread.getId();
			if (this.hops.size() >= this.maxHops) {
				this.dropped++;
				this.unnamedHop = -1;
				return;
			}
			this.hops.add(new Hop(Instant.now(), layer, event, thread.getName(), logger));
			this.unnamedHop = (logger != null) ? -1 : this.hops.size() - 1;
		}

		synchronized void nameLogger(String logger) {
			if (this.unnamedHop >= 0) {
				Hop hop = this.hops.get(this.unnamedHop);
				this.hops.set(this.unnamedHop, new Hop(hop.time(), hop.layer(), hop.event(), hop.thread(), logger));
				this.unnamedHop = -1;
			}
		}

		synchronized Hops snapshot() {
			return new Hops(List.copyOf(this.hops), this.dropped);
		}

	}

}
