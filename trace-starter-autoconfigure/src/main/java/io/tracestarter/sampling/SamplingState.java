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

import java.util.List;

/**
 * What log sampling is doing, for {@code /actuator/tracecontext}: the rules in order with
 * their line counts, the requests counted by outcome, and the buffers now.
 *
 * @since 0.1.0
 */
public final class SamplingState {

	private final SampledRequests requests;

	private final SamplingCounters counters;

	SamplingState(SampledRequests requests, SamplingCounters counters) {
		this.requests = requests;
		this.counters = counters;
	}

	/**
	 * Describe the rules, counters and buffers.
	 * @return the description
	 */
	public Descriptor describe() {
		List<RuleDescriptor> rules = this.requests.rules().all().stream().map((rule) -> {
			SamplingCounters.Lines lines = rule.counters();
			return new RuleDescriptor(rule.name(), rule.target().propertyName(), rule.pattern(), rule.rate(),
					lines.kept(), lines.dropped(), lines.flushed(), lines.overflowed());
		}).toList();
		SampledRequests.Limits limits = this.requests.limits();
		Buffers buffers = new Buffers(this.requests.size(), this.requests.totalBytes(), limits.maxRequests(),
				limits.maxTotalBytes(), limits.maxLines(), limits.maxBytes());
		Requests requests = new Requests(this.counters.requestsBuffered(), this.counters.requestsFlushed(),
				this.counters.requestsExpired(), this.counters.requestsUnbuffered());
		return new Descriptor(rules, requests, buffers);
	}

	/**
	 * Log sampling's state.
	 *
	 * @param rules the rules in order
	 * @param requests requests counted by outcome
	 * @param buffers the buffers now
	 */
	public record Descriptor(List<RuleDescriptor> rules, Requests requests, Buffers buffers) {
	}

	/**
	 * One rule and its lines.
	 *
	 * @param name the rule's name
	 * @param match route, grpc-method, kafka-topic or logger
	 * @param pattern what it matches
	 * @param rate the share of trace ids kept
	 * @param kept lines written because the rule kept them
	 * @param dropped lines dropped (never held, or held and the request succeeded)
	 * @param flushed lines written because their request failed
	 * @param overflowed lines lost because the buffer was full
	 */
	public record RuleDescriptor(String name, String match, String pattern, double rate, long kept, long dropped,
			long flushed, long overflowed) {
	}

	/**
	 * Sampled-out requests by outcome.
	 *
	 * @param buffered requests whose lines were held back
	 * @param flushedOnError requests that failed and whose lines were written
	 * @param expired requests let go after trace.sampling.buffer.max-age
	 * @param unbuffered requests not sampled because max-requests were held already
	 */
	public record Requests(long buffered, long flushedOnError, long expired, long unbuffered) {
	}

	/**
	 * The buffers now and their bounds.
	 *
	 * @param requests requests held now
	 * @param bytes estimated bytes held now
	 * @param maxRequests bound on requests
	 * @param maxTotalBytes bound on bytes
	 * @param maxLinesPerRequest bound on lines of one request
	 * @param maxBytesPerRequest bound on bytes of one request
	 */
	public record Buffers(int requests, long bytes, int maxRequests, long maxTotalBytes, int maxLinesPerRequest,
			long maxBytesPerRequest) {
	}

}
