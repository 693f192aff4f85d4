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

import io.tracestarter.app.MvcTestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring MVC on Tomcat with {@code server.forward-headers-strategy=framework}: the peer
 * address the trust check sees comes from {@code X-Forwarded-For}. Only 127.0.0.1 is
 * trusted. A literal address there is judged like any peer; a host name is never looked
 * up (it would resolve {@code localhost} to a trusted address) and counts as untrusted.
 */
@SpringBootTest(classes = MvcTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "server.forward-headers-strategy=framework",
				"trace.inbound.trusted-addresses=127.0.0.1/32", "trace.http.response-header=inbound",
				"management.tracing.export.otlp.enabled=false", "management.otlp.metrics.export.enabled=false" })
class ForwardedHeadersTrustIntegrationTests {

	@LocalServerPort
	private int port;

	private String echoed(String forwardedFor, String traceId) {
		return RestClient.create("http://127.0.0.1:" + this.port)
			.get()
			.uri("/mvc/hello?tag=fwd")
			.header("X-Forwarded-For", forwardedFor)
			.header("X-Trace-ID", traceId)
			.retrieve()
			.toEntity(String.class)
			.getHeaders()
			.getFirst("X-Trace-ID");
	}

	@Test
	void aTrustedLiteralAddressSetsTheId() {
		assertThat(echoed("127.0.0.1", "fwd-1")).isEqualTo("fwd-1");
	}

	@Test
	void anUntrustedLiteralAddressDoesNot() {
		assertThat(echoed("203.0.113.7", "fwd-2")).isNull();
	}

	@Test
	void aHostNameIsNeverResolvedAndNeverTrusted() {
		assertThat(echoed("localhost", "fwd-3")).isNull();
		assertThat(echoed("cafe", "fwd-4")).isNull();
		assertThat(echoed("attacker.example", "fwd-5")).isNull();
	}

}
