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

package io.tracestarter.http;

import io.tracestarter.autoconfigure.TraceProperties;
import io.tracestarter.autoconfigure.TraceProperties.Http.ResponseHeader;
import io.tracestarter.core.InboundSource;
import io.tracestarter.core.TraceIdResolver.ResolvedTraceId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which responses echo the id, per {@code trace.http.response-header}.
 */
class ResponseHeaderPolicyTests {

	private static final ResolvedTraceId INBOUND = new ResolvedTraceId("in-1", InboundSource.of("header:X-Trace-ID"),
			null);

	private static final ResolvedTraceId GENERATED = new ResolvedTraceId("gen-1", null, null);

	@Test
	void alwaysEchoesEveryId() {
		ResponseHeaderPolicy policy = policy(ResponseHeader.ALWAYS);
		assertThat(policy.headerFor(INBOUND)).isEqualTo("X-Trace-ID");
		assertThat(policy.headerFor(GENERATED)).isEqualTo("X-Trace-ID");
	}

	@Test
	void inboundEchoesOnlyIdsTheClientSent() {
		ResponseHeaderPolicy policy = policy(ResponseHeader.INBOUND);
		assertThat(policy.headerFor(INBOUND)).isEqualTo("X-Trace-ID");
		assertThat(policy.headerFor(GENERATED)).isNull();
	}

	@Test
	void neverEchoesNone() {
		ResponseHeaderPolicy policy = policy(ResponseHeader.NEVER);
		assertThat(policy.headerFor(INBOUND)).isNull();
		assertThat(policy.headerFor(GENERATED)).isNull();
	}

	private static ResponseHeaderPolicy policy(ResponseHeader responseHeader) {
		TraceProperties.Http http = new TraceProperties().getHttp();
		http.setResponseHeader(responseHeader);
		return ResponseHeaderPolicy.of(http);
	}

}
