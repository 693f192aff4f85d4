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

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Picks the trace id of an inbound request, message or call: the first valid value of the
 * configured sources, else a generated one. Every rejection and every outcome is counted;
 * a rejected value goes nowhere else.
 *
 * @since 0.1.0
 */
public final class TraceIdResolver {

	private static final BooleanSupplier TRUSTED = () -> true;

	private final List<InboundSource> sources;

	private final InboundSource[] sourceArray;

	private final TraceIdValidator validator;

	private final TraceIdGenerator generator;

	private final TraceMetrics metrics;

	public TraceIdResolver(List<InboundSource> sources, TraceIdValidator validator, TraceIdGenerator generator,
			TraceMetrics metrics) {
		this.sources = List.copyOf(sources);
		this.sourceArray = this.sources.toArray(new InboundSource[0]);
		this.validator = validator;
		this.generator = generator;
		this.metrics = metrics;
	}

	/**
	 * Resolve the id of one inbound unit of work.
	 * @param layer the layer asking, used as a metric tag
	 * @param lookup returns the raw value of a source, or {@code null} when absent;
	 * sources the layer does not support return {@code null}
	 * @return the id and where it came from
	 */
	public ResolvedTraceId resolve(Layer layer, Function<InboundSource, @Nullable String> lookup) {
		return resolve(layer, lookup, this.generator::generate);
	}

	/**
	 * Resolve the id of one inbound unit of work from a peer that may not be trusted. A
	 * valid id from an untrusted peer is not used: it is counted as rejected
	 * ({@code untrusted}), a new id is made, and the untrusted value is returned apart so
	 * it can be logged once, validated, next to the new id.
	 * @param layer the layer asking, used as a metric tag
	 * @param lookup returns the raw value of a source, or {@code null} when absent
	 * @param trusted answers whether the peer may set the id; asked only when a valid
	 * value arrived (most requests bring none, and matching the peer against the trusted
	 * networks would be wasted on them), at most once
	 * @return the id and where it came from
	 */
	public ResolvedTraceId resolve(Layer layer, Function<InboundSource, @Nullable String> lookup,
			BooleanSupplier trusted) {
		return resolve(layer, lookup, this.generator::generate, trusted);
	}

	/**
	 * Resolve the id of one inbound unit of work, with a layer's own way to make an id
	 * when nothing valid arrived (a Kafka record's id is derived from its position, so
	 * every delivery of the record gets the same one).
	 * @param layer the layer asking, used as a metric tag
	 * @param lookup returns the raw value of a source, or {@code null} when absent
	 * @param fallback makes the id when no source gave a valid one
	 * @return the id and where it came from
	 */
	public ResolvedTraceId resolve(Layer layer, Function<InboundSource, @Nullable String> lookup,
			Supplier<String> fallback) {
		return resolve(layer, lookup, fallback, TRUSTED);
	}

	/**
	 * Resolve the id of one inbound unit of work from a peer that may not be trusted,
	 * with the layer's own way to make an id when nothing valid arrived.
	 * @param layer the layer asking, used as a metric tag
	 * @param lookup returns the raw value of a source, or {@code null} when absent
	 * @param fallback makes the id when no source gave a valid one
	 * @param trusted answers whether the peer may set the id; asked only when a valid
	 * value arrived, at most once
	 * @return the id and where it came from
	 */
	public ResolvedTraceId resolve(Layer layer, Function<InboundSource, @Nullable String> lookup,
			Supplier<String> fallback, BooleanSupplier trusted) {
		ResolvedTraceId sent = resolveSent(layer, lookup, trusted);
		return (sent != null) ? sent : generated(layer, fallback);
	}

	/**
	 * Resolve the id a peer sent, counting what was rejected, but make none when nothing
	 * valid arrived; for a transport that must make the id later (inside the request's
	 * observation) with {@link #generated(Layer, Supplier)}.
	 * @param layer the layer asking, used as a metric tag
	 * @param lookup returns the raw value of a source, or {@code null} when absent
	 * @param trusted answers whether the peer may set the id; asked only when a valid
	 * value arrived, at most once
	 * @return the id and where it came from, or {@code null} when no source gave a valid
	 * value
	 */
	public @Nullable ResolvedTraceId resolveSent(Layer layer, Function<InboundSource, @Nullable String> lookup,
			BooleanSupplier trusted) {
		// An array, not the list: this runs for every inbound request, call and record.
		for (InboundSource source : this.sourceArray) {
			String raw = lookup.apply(source);
			if (raw == null) {
				continue;
			}
			String candidate = raw;
			if (source.type() == InboundSource.Type.TRACEPARENT) {
				candidate = Traceparent.traceId(raw);
				if (candidate == null) {
					this.metrics.rejected(layer, RejectionReason.INVALID_TRACEPARENT);
					continue;
				}
			}
			RejectionReason reason = this.validator.check(candidate);
			if (reason != null) {
				this.metrics.rejected(layer, reason);
				continue;
			}
			if (!trusted.getAsBoolean()) {
				this.metrics.rejected(layer, RejectionReason.UNTRUSTED);
				this.metrics.generated(layer);
				// Random, not the span's id: the span may continue the untrusted peer's
				// own traceparent.
				return new ResolvedTraceId(TraceIdGenerator.randomHex(), null, candidate);
			}
			this.metrics.extracted(layer, source);
			return new ResolvedTraceId(candidate, source, null);
		}
		return null;
	}

	/**
	 * Make and count the id of inbound work that brought no valid one.
	 * @param layer the layer asking, used as a metric tag
	 * @param fallback makes the id
	 * @return the generated id
	 */
	public ResolvedTraceId generated(Layer layer, Supplier<String> fallback) {
		this.metrics.generated(layer);
		return new ResolvedTraceId(fallback.get(), null, null);
	}

	/**
	 * Make a new id with the configured generator, without counting it; for a fallback
	 * passed to {@link #resolve(Layer, Function, Supplier, BooleanSupplier)}.
	 * @return the id
	 */
	public String newId() {
		return this.generator.generate();
	}

	/**
	 * Make a new id, for work that starts here (a scheduled run, a record without one).
	 * @param layer the layer asking
	 * @return the generated id
	 */
	public ResolvedTraceId generate(Layer layer) {
		this.metrics.generated(layer);
		return new ResolvedTraceId(this.generator.generate(), null, null);
	}

	public List<InboundSource> getSources() {
		return this.sources;
	}

	public TraceIdValidator getValidator() {
		return this.validator;
	}

	/**
	 * The outcome of resolving.
	 *
	 * @param traceId the id to use
	 * @param source where it came from, or {@code null} when it was generated
	 * @param untrustedInbound a valid id an untrusted peer sent, not used; {@code null}
	 * otherwise
	 */
	public record ResolvedTraceId(String traceId, @Nullable InboundSource source, @Nullable String untrustedInbound) {

		/**
		 * Return whether the id came from the caller.
		 * @return {@code true} when extracted, {@code false} when generated
		 */
		public boolean isInbound() {
			return this.source != null;
		}

	}

}
