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

package io.tracestarter.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.tracestarter.core.InboundSource;
import io.tracestarter.core.InboundTrust;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the trace-starter, prefix {@code trace}.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("trace")
public class TraceProperties {

	/**
	 * Whether to carry trace ids at all. Off turns every layer off.
	 */
	private boolean enabled = true;

	private final Id id = new Id();

	private final Inbound inbound = new Inbound();

	private final Http http = new Http();

	private final Reactor reactor = new Reactor();

	private final Async async = new Async();

	private final Kafka kafka = new Kafka();

	private final Grpc grpc = new Grpc();

	private final Logging logging = new Logging();

	private final K8s k8s = new K8s();

	private final Actuator actuator = new Actuator();

	private final Sampling sampling = new Sampling();

	private final W3c w3c = new W3c();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Id getId() {
		return this.id;
	}

	public Inbound getInbound() {
		return this.inbound;
	}

	public Http getHttp() {
		return this.http;
	}

	public Reactor getReactor() {
		return this.reactor;
	}

	public Async getAsync() {
		return this.async;
	}

	public Grpc getGrpc() {
		return this.grpc;
	}

	public Kafka getKafka() {
		return this.kafka;
	}

	public Logging getLogging() {
		return this.logging;
	}

	public K8s getK8s() {
		return this.k8s;
	}

	public Actuator getActuator() {
		return this.actuator;
	}

	public W3c getW3c() {
		return this.w3c;
	}

	public Sampling getSampling() {
		return this.sampling;
	}

	/**
	 * Where inbound ids come from and what is accepted.
	 */
	public static class Id {

		/**
		 * Longest inbound id accepted; longer values are rejected and a new id is made.
		 */
		private int maxLength = 128;

		/**
		 * Ordered places to look for an inbound id, first valid wins. Each is
		 * 'header:<name>', 'query:<name>' or 'traceparent'.
		 */
		private List<InboundSource> sources = new ArrayList<>(
				List.of(InboundSource.of("header:X-Trace-ID"), InboundSource.of("traceparent"),
						InboundSource.of("header:X-Request-ID"), InboundSource.of("query:trace_id")));

		public int getMaxLength() {
			return this.maxLength;
		}

		public void setMaxLength(int maxLength) {
			Assert.isTrue(maxLength >= 1 && maxLength <= 1024, "trace.id.max-length must be between 1 and 1024");
			this.maxLength = maxLength;
		}

		public List<InboundSource> getSources() {
			return this.sources;
		}

		public void setSources(List<InboundSource> sources) {
			Assert.notEmpty(sources, "trace.id.sources must name at least one source");
			this.sources = sources;
		}

	}

	/**
	 * Who may set the trace id.
	 */
	public static class Inbound {

		/**
		 * Who may set the trace id of a request or call: 'all', 'trusted-proxies' (peers
		 * in trusted-addresses) or 'none' (every request gets a new id).
		 */
		private InboundTrust.Policy trust = InboundTrust.Policy.TRUSTED_PROXIES;

		/**
		 * Full addresses and CIDR blocks (such as 10.0.0.0/8 or fd00::/8) of the peers
		 * allowed to set the id under 'trusted-proxies': by default loopback and the
		 * private networks a cluster, its ingress and its service mesh use.
		 */
		private List<String> trustedAddresses = new ArrayList<>(
				List.of("127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"));

		public InboundTrust.Policy getTrust() {
			return this.trust;
		}

		public void setTrust(InboundTrust.Policy trust) {
			this.trust = trust;
		}

		public List<String> getTrustedAddresses() {
			return this.trustedAddresses;
		}

		public void setTrustedAddresses(List<String> trustedAddresses) {
			try {
				new InboundTrust(InboundTrust.Policy.TRUSTED_PROXIES, trustedAddresses);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("trace.inbound.trusted-addresses: " + ex.getMessage(), ex);
			}
			this.trustedAddresses = trustedAddresses;
		}

		/**
		 * Return the policy these settings describe.
		 * @return the policy
		 */
		public InboundTrust toTrust() {
			return new InboundTrust(this.trust, this.trustedAddresses);
		}

	}

	/**
	 * Inbound HTTP filters and outbound HTTP clients.
	 */
	public static class Http {

		/**
		 * Whether to read, echo and send on trace ids over HTTP.
		 */
		private boolean enabled = true;

		/**
		 * Header that carries the id in responses and outbound requests.
		 */
		private String headerName = "X-Trace-ID";

		/**
		 * When responses carry the id header.
		 */
		private ResponseHeader responseHeader = ResponseHeader.ALWAYS;

		/**
		 * Whether Boot-built WebClient, RestClient and RestTemplate send the id on.
		 */
		private boolean propagate = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getHeaderName() {
			return this.headerName;
		}

		public void setHeaderName(String headerName) {
			Assert.isTrue(
					headerName != null && !headerName.isBlank()
							&& headerName.chars()
								.allMatch((ch) -> ch > 32 && ch < 127 && "()<>@,;:\\\"/[]?={}".indexOf(ch) < 0),
					"trace.http.header-name must be an HTTP header name (token characters only)");
			this.headerName = headerName;
		}

		public ResponseHeader getResponseHeader() {
			return this.responseHeader;
		}

		public void setResponseHeader(ResponseHeader responseHeader) {
			this.responseHeader = responseHeader;
		}

		public boolean isPropagate() {
			return this.propagate;
		}

		public void setPropagate(boolean propagate) {
			this.propagate = propagate;
		}

		/**
		 * When responses carry the id.
		 */
		public enum ResponseHeader {

			/**
			 * Every response carries the id, inbound or generated.
			 */
			ALWAYS,

			/**
			 * Only responses to requests whose id came from the (trusted) client.
			 */
			INBOUND,

			/**
			 * No response carries it.
			 */
			NEVER

		}

	}

	/**
	 * Reactor operators and schedulers.
	 */
	public static class Reactor {

		/**
		 * Whether to switch on Reactor's automatic context propagation so the id follows
		 * every operator and scheduler hop.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * W3C Trace Context ({@code traceparent}, {@code tracestate}) when no tracer owns it.
	 */
	public static class W3c {

		/**
		 * Whether the starter takes part in W3C Trace Context when the application has no
		 * Micrometer Tracer: continue an inbound traceparent (or start a trace), give
		 * each request a span id of its own, and send traceparent and tracestate on every
		 * outbound call. With a Tracer the tracer owns both headers and this does
		 * nothing.
		 */
		private boolean enabled = true;

		/**
		 * Whether a trace the starter starts (no valid traceparent arrived) is sent on as
		 * sampled (trace-flags 01), so that downstream tracers that follow their parent's
		 * decision record it. A received sampled flag is always kept as it came.
		 */
		private boolean sampled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isSampled() {
			return this.sampled;
		}

		public void setSampled(boolean sampled) {
			this.sampled = sampled;
		}

	}

	/**
	 * Executors, schedulers, {@code @Async} and {@code @Scheduled}.
	 */
	public static class Async {

		/**
		 * Whether tasks run under the id of the thread that submitted them, and each
		 * scheduled run gets a fresh id.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * gRPC server and client calls.
	 */
	public static class Grpc {

		/**
		 * Whether gRPC calls carry the id in x-trace-id metadata and run under it.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Kafka record headers and listeners.
	 */
	public static class Kafka {

		/**
		 * Whether records carry the id in a header and listeners run under their record's
		 * id.
		 */
		private boolean enabled = true;

		/**
		 * Record header that carries the id on records sent.
		 */
		private String headerName = "X-Trace-ID";

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getHeaderName() {
			return this.headerName;
		}

		public void setHeaderName(String headerName) {
			Assert.hasText(headerName, "trace.kafka.header-name must not be empty");
			this.headerName = headerName;
		}

	}

	/**
	 * JSON log lines.
	 */
	public static class Logging {

		/**
		 * Whether the console writes the starter's JSON format when no structured format
		 * was chosen.
		 */
		private boolean enabled = true;

		/**
		 * Longest message or field value written; longer ones are cut with a marker that
		 * says how many characters were dropped.
		 */
		private int maxFieldLength = 16 * 1024;

		/**
		 * JSON field that carries the trace id.
		 */
		private String traceIdField = "trace_id";

		/**
		 * JSON field that carries the current span id.
		 */
		private String spanIdField = "span_id";

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxFieldLength() {
			return this.maxFieldLength;
		}

		public void setMaxFieldLength(int maxFieldLength) {
			Assert.isTrue(maxFieldLength >= 64, "trace.logging.max-field-length must be at least 64");
			this.maxFieldLength = maxFieldLength;
		}

		public String getTraceIdField() {
			return this.traceIdField;
		}

		public void setTraceIdField(String traceIdField) {
			Assert.hasText(traceIdField, "trace.logging.trace-id-field must not be empty");
			this.traceIdField = traceIdField;
		}

		public String getSpanIdField() {
			return this.spanIdField;
		}

		public void setSpanIdField(String spanIdField) {
			Assert.hasText(spanIdField, "trace.logging.span-id-field must not be empty");
			this.spanIdField = spanIdField;
		}

	}

	/**
	 * Kubernetes pod metadata in log lines.
	 */
	public static class K8s {

		/**
		 * Whether log lines carry pod metadata from the Downward API environment
		 * variables POD_NAME, POD_NAMESPACE, NODE_NAME and POD_UID.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * The tracecontext actuator endpoint and its diagnostics.
	 */
	public static class Actuator {

		/**
		 * How many recent trace ids keep their hops for the per-id timeline.
		 */
		private int recentIds = 1000;

		/**
		 * How many hops are kept per trace id; later hops are counted, not kept.
		 */
		private int maxHopsPerId = 64;

		/**
		 * How many break-point groups (logger and thread pool of lines written without an
		 * id) are kept; lines of further groups are counted together.
		 */
		private int maxBreakPoints = 100;

		public int getRecentIds() {
			return this.recentIds;
		}

		public void setRecentIds(int recentIds) {
			Assert.isTrue(recentIds >= 1 && recentIds <= 1_000_000,
					"trace.actuator.recent-ids must be between 1 and 1000000");
			this.recentIds = recentIds;
		}

		public int getMaxHopsPerId() {
			return this.maxHopsPerId;
		}

		public void setMaxHopsPerId(int maxHopsPerId) {
			Assert.isTrue(maxHopsPerId >= 1 && maxHopsPerId <= 10_000,
					"trace.actuator.max-hops-per-id must be between 1 and 10000");
			this.maxHopsPerId = maxHopsPerId;
		}

		public int getMaxBreakPoints() {
			return this.maxBreakPoints;
		}

		public void setMaxBreakPoints(int maxBreakPoints) {
			Assert.isTrue(maxBreakPoints >= 1 && maxBreakPoints <= 10_000,
					"trace.actuator.max-break-points must be between 1 and 10000");
			this.maxBreakPoints = maxBreakPoints;
		}

	}

	/**
	 * Log sampling: rules that keep a share of the lines of healthy traffic, decided once
	 * per trace id, with full capture of requests that fail.
	 */
	public static class Sampling {

		/**
		 * Whether log lines are sampled. Off writes every line.
		 */
		private boolean enabled = false;

		/**
		 * Whether DEBUG lines below their logger's level are captured for sampled-out
		 * requests and written if the request fails.
		 */
		private boolean captureDebugOnError = false;

		/**
		 * Rules, matched in order; the first that matches decides. Traffic no rule
		 * matches keeps every line.
		 */
		private List<Rule> rules = new ArrayList<>();

		private final Buffer buffer = new Buffer();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isCaptureDebugOnError() {
			return this.captureDebugOnError;
		}

		public void setCaptureDebugOnError(boolean captureDebugOnError) {
			this.captureDebugOnError = captureDebugOnError;
		}

		public List<Rule> getRules() {
			return this.rules;
		}

		public void setRules(List<Rule> rules) {
			this.rules = rules;
		}

		public Buffer getBuffer() {
			return this.buffer;
		}

		/**
		 * One sampling rule: exactly one of route, grpc-method, kafka-topic or logger,
		 * and the share of trace ids whose lines are kept.
		 */
		public static class Rule {

			/**
			 * Name in metrics and the actuator endpoint; derived from the pattern when
			 * not set.
			 */
			private @Nullable String name;

			/**
			 * HTTP request path pattern, Ant style, for example /actuator/health/**.
			 */
			private @Nullable String route;

			/**
			 * gRPC full method name, '*' as a wildcard, for example
			 * grpc.health.v1.Health/*.
			 */
			private @Nullable String grpcMethod;

			/**
			 * Kafka topic, '*' as a wildcard.
			 */
			private @Nullable String kafkaTopic;

			/**
			 * Logger name: the logger and its children; '*' as a wildcard.
			 */
			private @Nullable String logger;

			/**
			 * Share of trace ids whose lines are kept, from 0 (none) to 1 (all).
			 */
			private double rate = 1.0;

			public @Nullable String getName() {
				return this.name;
			}

			public void setName(@Nullable String name) {
				this.name = name;
			}

			public @Nullable String getRoute() {
				return this.route;
			}

			public void setRoute(@Nullable String route) {
				this.route = route;
			}

			public @Nullable String getGrpcMethod() {
				return this.grpcMethod;
			}

			public void setGrpcMethod(@Nullable String grpcMethod) {
				this.grpcMethod = grpcMethod;
			}

			public @Nullable String getKafkaTopic() {
				return this.kafkaTopic;
			}

			public void setKafkaTopic(@Nullable String kafkaTopic) {
				this.kafkaTopic = kafkaTopic;
			}

			public @Nullable String getLogger() {
				return this.logger;
			}

			public void setLogger(@Nullable String logger) {
				this.logger = logger;
			}

			public double getRate() {
				return this.rate;
			}

			public void setRate(double rate) {
				this.rate = rate;
			}

		}

		/**
		 * Where the lines of a sampled-out request wait until it ends.
		 */
		public static class Buffer {

			/**
			 * Most lines kept for one request; further lines are counted and announced by
			 * a marker line when the buffer is written.
			 */
			private int maxLines = 1000;

			/**
			 * Most bytes (estimated) kept for one request.
			 */
			private DataSize maxBytes = DataSize.ofKilobytes(512);

			/**
			 * Most bytes (estimated) kept for all requests together.
			 */
			private DataSize maxTotalBytes = DataSize.ofMegabytes(32);

			/**
			 * Most requests buffered at once; requests beyond it are not sampled (every
			 * line is written).
			 */
			private int maxRequests = 10_000;

			/**
			 * How long a request may stay open before its buffer is discarded, so a
			 * request that never ends holds no memory for ever.
			 */
			private Duration maxAge = Duration.ofMinutes(2);

			public int getMaxLines() {
				return this.maxLines;
			}

			public void setMaxLines(int maxLines) {
				Assert.isTrue(maxLines >= 1, "trace.sampling.buffer.max-lines must be at least 1");
				this.maxLines = maxLines;
			}

			public DataSize getMaxBytes() {
				return this.maxBytes;
			}

			public void setMaxBytes(DataSize maxBytes) {
				Assert.isTrue(maxBytes.toBytes() >= 1024, "trace.sampling.buffer.max-bytes must be at least 1KB");
				this.maxBytes = maxBytes;
			}

			public DataSize getMaxTotalBytes() {
				return this.maxTotalBytes;
			}

			public void setMaxTotalBytes(DataSize maxTotalBytes) {
				Assert.isTrue(maxTotalBytes.toBytes() >= 1024,
						"trace.sampling.buffer.max-total-bytes must be at least 1KB");
				this.maxTotalBytes = maxTotalBytes;
			}

			public int getMaxRequests() {
				return this.maxRequests;
			}

			public void setMaxRequests(int maxRequests) {
				Assert.isTrue(maxRequests >= 1, "trace.sampling.buffer.max-requests must be at least 1");
				this.maxRequests = maxRequests;
			}

			public Duration getMaxAge() {
				return this.maxAge;
			}

			public void setMaxAge(Duration maxAge) {
				Assert.isTrue(!maxAge.isNegative() && !maxAge.isZero(),
						"trace.sampling.buffer.max-age must be positive");
				this.maxAge = maxAge;
			}

		}

	}

}
