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

package io.tracestarter.actuate;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import io.tracestarter.autoconfigure.TraceProperties;
import io.tracestarter.core.InboundSource;
import io.tracestarter.core.RecentTraceHops;
import io.tracestarter.core.TraceIdValidator;
import io.tracestarter.core.TraceMetrics;
import io.tracestarter.logging.LinesWithoutTraceId;
import io.tracestarter.sampling.SamplingState;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@code /actuator/tracecontext}: the effective settings, the per-layer counters, the
 * break points where log lines lost their id, and the hops of one recent id. Read-only;
 * nothing raw from a request is shown.
 *
 * @since 0.1.0
 */
@Endpoint(id = "tracecontext")
public class TraceContextEndpoint {

	static final String MASK = "******";

	private static final Set<String> TRANSPORT_COUNTERS = Set.of(TraceMetrics.EXTRACTED, TraceMetrics.GENERATED,
			TraceMetrics.REJECTED, TraceMetrics.PROPAGATED, TraceMetrics.WITHHELD);

	/**
	 * The counters each layer can move: transports take ids in and send them on, the
	 * async layer generates the ids of scheduled runs, the others count nothing.
	 */
	private static final Map<String, Set<String>> COUNTERS = Map.of("http", TRANSPORT_COUNTERS, "grpc",
			TRANSPORT_COUNTERS, "kafka", TRANSPORT_COUNTERS, "async", Set.of(TraceMetrics.GENERATED));

	private final TraceProperties properties;

	private final List<LayerState> layers;

	private final TraceMetrics metrics;

	private final RecentTraceHops hops;

	private final @Nullable LinesWithoutTraceId breakPoints;

	private final TraceIdValidator validator;

	private final @Nullable SamplingState sampling;

	private final TraceContextEndpointProperties endpointProperties;

	public TraceContextEndpoint(TraceProperties properties, List<LayerState> layers, TraceMetrics metrics,
			RecentTraceHops hops, @Nullable LinesWithoutTraceId breakPoints, TraceIdValidator validator,
			@Nullable SamplingState sampling) {
		this(properties, layers, metrics, hops, breakPoints, validator, sampling, new TraceContextEndpointProperties());
	}

	public TraceContextEndpoint(TraceProperties properties, List<LayerState> layers, TraceMetrics metrics,
			RecentTraceHops hops, @Nullable LinesWithoutTraceId breakPoints, TraceIdValidator validator,
			@Nullable SamplingState sampling, TraceContextEndpointProperties endpointProperties) {
		this.endpointProperties = endpointProperties;
		this.properties = properties;
		this.layers = layers;
		this.metrics = metrics;
		this.hops = hops;
		this.breakPoints = breakPoints;
		this.validator = validator;
		this.sampling = sampling;
	}

	/**
	 * Describe the starter's state.
	 * @param securityContext who asks, for {@code show-values}
	 * @return the description
	 */
	@ReadOperation
	public TraceContextDescriptor traceContext(SecurityContext securityContext) {
		boolean showMessages = this.endpointProperties.getShowValues()
			.isShown(securityContext, this.endpointProperties.getRoles());
		return new TraceContextDescriptor(config(), layerCounters(), breakPoints(showMessages),
				(this.sampling != null) ? this.sampling.describe() : null);
	}

	/**
	 * Return the hops one recent id crossed in this process.
	 * @param traceId the id
	 * @return the hops, or {@code null} (404) when the id is not among the recent ones
	 */
	@ReadOperation
	public @Nullable TraceHopsDescriptor hops(@Selector String traceId) {
		if (!this.validator.isValid(traceId)) {
			// The message never repeats the input: it may be anything a client sent.
			throw new InvalidEndpointRequestException("Invalid trace id", "The trace id is not a valid trace id");
		}
		RecentTraceHops.Hops hops = this.hops.hops(traceId);
		return (hops != null)
				? new TraceHopsDescriptor(traceId, hops.hops().stream().map(HopDescriptor::of).toList(), hops.dropped())
				: null;
	}

	private Config config() {
		TraceProperties.Http http = this.properties.getHttp();
		TraceProperties.Logging logging = this.properties.getLogging();
		Map<String, String> layerStates = new TreeMap<>();
		this.layers.forEach((layer) -> layerStates.put(layer.name(), layer.state()));
		return new Config(this.properties.getId().getSources().stream().map(InboundSource::toString).toList(),
				this.properties.getId().getMaxLength(), http.getHeaderName(),
				http.getResponseHeader().name().toLowerCase(Locale.ROOT), http.isPropagate(),
				logging.getMaxFieldLength(), logging.getTraceIdField(), logging.getSpanIdField(),
				this.properties.getActuator().getRecentIds(), this.properties.getActuator().getMaxHopsPerId(),
				this.properties.getActuator().getMaxBreakPoints(), layerStates);
	}

	private Map<String, LayerCounters> layerCounters() {
		Map<String, LayerCounters> counters = new TreeMap<>();
		this.layers.forEach((layer) -> {
			Set<String> shown = COUNTERS.getOrDefault(layer.name(), Set.of());
			if (!shown.isEmpty()) {
				counters.put(layer.name(), new LayerCounters(shown));
			}
		});
		this.metrics.snapshot().forEach((counter, count) -> {
			if (count == 0) {
				return;
			}
			LayerCounters layer = counters.computeIfAbsent(counter.layer(), (name) -> new LayerCounters(Set.of()));
			layer.shown.add(counter.outcome());
			switch (counter.outcome()) {
				case TraceMetrics.EXTRACTED ->
					layer.extracted.merge(String.valueOf(counter.tagValue()), count, Long::sum);
				case TraceMetrics.REJECTED ->
					layer.rejected.merge(String.valueOf(counter.tagValue()), count, Long::sum);
				case TraceMetrics.GENERATED -> layer.generated += count;
				case TraceMetrics.PROPAGATED -> layer.propagated += count;
				case TraceMetrics.WITHHELD ->
					layer.withheld.merge(String.valueOf(counter.tagValue()), count, Long::sum);
				default -> {
				}
			}
		});
		return counters;
	}

	private @Nullable BreakPointsDescriptor breakPoints(boolean showMessages) {
		if (this.breakPoints == null) {
			return null;
		}
		List<LinesWithoutTraceId.Summary> groups = this.breakPoints.groups();
		if (!showMessages) {
			// Boot's mask for a value it may not show (env, configprops).
			groups = groups.stream()
				.map((group) -> new LinesWithoutTraceId.Summary(group.logger(), group.threadGroup(), group.count(),
						group.first(), group.last(), MASK))
				.toList();
		}
		return new BreakPointsDescriptor(this.breakPoints.linesWithoutId(), this.breakPoints.linesInDroppedGroups(),
				this.breakPoints.linesOutsideTracedWork(), groups);
	}

	/**
	 * Whether one layer is on, and why not when it is off.
	 *
	 * @param name the layer
	 * @param state {@code on}, or {@code off} with the reason
	 */
	public record LayerState(String name, String state) {
	}

	/**
	 * The whole description.
	 *
	 * @param config the effective settings
	 * @param layers counters per layer
	 * @param breakPoints where lines lost their id; {@code null} without Logback
	 * @param sampling log sampling's rules, counters and buffers; {@code null} when off
	 */
	public record TraceContextDescriptor(Config config, Map<String, LayerCounters> layers,
			@Nullable BreakPointsDescriptor breakPoints,
			SamplingState.@Nullable Descriptor sampling) implements OperationResponseBody {
	}

	/**
	 * The effective settings.
	 *
	 * @param sources inbound sources in order
	 * @param maxLength longest accepted inbound id
	 * @param headerName the HTTP header of the id
	 * @param responseHeader when responses carry it
	 * @param propagate whether HTTP clients send it on
	 * @param maxFieldLength longest log value written
	 * @param traceIdField JSON field of the trace id
	 * @param spanIdField JSON field of the span id
	 * @param recentIds ids kept for the per-id timeline
	 * @param maxHopsPerId hops kept per id
	 * @param maxBreakPoints break-point groups kept
	 * @param layers each layer's state
	 */
	public record Config(List<String> sources, int maxLength, String headerName, String responseHeader,
			boolean propagate, int maxFieldLength, String traceIdField, String spanIdField, int recentIds,
			int maxHopsPerId, int maxBreakPoints, Map<String, String> layers) {
	}

	/**
	 * The counters of one layer: those the layer can move, and any other that moved. A
	 * counter the layer cannot move is left out ({@code null}).
	 */
	@JsonInclude(Include.NON_NULL)
	public static final class LayerCounters {

		private final Set<String> shown;

		private final Map<String, Long> extracted = new TreeMap<>();

		private long generated;

		private final Map<String, Long> rejected = new TreeMap<>();

		private long propagated;

		private final Map<String, Long> withheld = new TreeMap<>();

		LayerCounters(Set<String> shown) {
			this.shown = new HashSet<>(shown);
		}

		public @Nullable Map<String, Long> getExtracted() {
			return this.shown.contains(TraceMetrics.EXTRACTED) ? this.extracted : null;
		}

		public @Nullable Long getGenerated() {
			return this.shown.contains(TraceMetrics.GENERATED) ? this.generated : null;
		}

		public @Nullable Map<String, Long> getRejected() {
			return this.shown.contains(TraceMetrics.REJECTED) ? this.rejected : null;
		}

		public @Nullable Long getPropagated() {
			return this.shown.contains(TraceMetrics.PROPAGATED) ? this.propagated : null;
		}

		public @Nullable Map<String, Long> getWithheld() {
			return this.shown.contains(TraceMetrics.WITHHELD) ? this.withheld : null;
		}

	}

	/**
	 * Where log lines lost their id.
	 *
	 * @param linesWithoutId lines written without an id since the application became
	 * ready
	 * @param linesInDroppedGroups of those, lines in groups beyond the kept bound
	 * @param linesOutsideTracedWork lines without an id that are not break points: a
	 * server's own lines before a request's id was resolved, a Kafka consumer's between
	 * records, Kafka's own lines on Kafka's threads, not in {@code linesWithoutId}
	 * @param groups the kept groups, most lines first
	 */
	public record BreakPointsDescriptor(long linesWithoutId, long linesInDroppedGroups, long linesOutsideTracedWork,
			List<LinesWithoutTraceId.Summary> groups) {
	}

	/**
	 * The hops of one id.
	 *
	 * @param traceId the id
	 * @param hops the kept hops, oldest first
	 * @param droppedHops later hops that were not kept
	 */
	@JsonInclude(Include.ALWAYS)
	public record TraceHopsDescriptor(String traceId, List<HopDescriptor> hops,
			long droppedHops) implements OperationResponseBody {

		/**
		 * Return when the first kept hop happened.
		 * @return the time, or {@code null} without hops
		 */
		public @Nullable Instant getStarted() {
			return this.hops.isEmpty() ? null : this.hops.get(0).time();
		}

	}

	/**
	 * One hop of an id. Every hop has the same keys: a value that is not known is written
	 * as {@code null}, never left out, so that clients can read every key of every hop.
	 *
	 * @param time when the hop happened
	 * @param layer the layer that recorded it
	 * @param event {@code in}, {@code out} or {@code hop}
	 * @param thread the thread it happened on
	 * @param logger the first logger that wrote a line after the hop; {@code null} when
	 * none did
	 */
	@JsonInclude(Include.ALWAYS)
	public record HopDescriptor(Instant time, String layer, String event, String thread, @Nullable String logger) {

		static HopDescriptor of(RecentTraceHops.Hop hop) {
			return new HopDescriptor(hop.time(), hop.layer(), hop.event(), hop.thread(), hop.logger());
		}

	}

}
