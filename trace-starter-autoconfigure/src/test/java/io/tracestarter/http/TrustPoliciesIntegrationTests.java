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

import java.net.InetSocketAddress;
import java.time.Duration;

import io.tracestarter.app.WebFluxTestApplication;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The other two trust policies, against a real Netty server, from "another client"
 * (127.0.0.2).
 */
class TrustPoliciesIntegrationTests {

	String echoedId(int port, String traceId) {
		HttpClient http = HttpClient.create().bindAddress(() -> new InetSocketAddress("127.0.0.2", 0));
		return WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(http))
			.build()
			.get()
			.uri("http://127.0.0.1:" + port + "/plain")
			.header("X-Trace-ID", traceId)
			.retrieve()
			.toBodilessEntity()
			.block(Duration.ofSeconds(10))
			.getHeaders()
			.getFirst("X-Trace-ID");
	}

	@Nested
	@SpringBootTest(classes = WebFluxTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "spring.main.web-application-type=reactive", "trace.inbound.trust=all" })
	class TrustAll {

		@LocalServerPort
		private int port;

		@Test
		void anyPeerSetsTheId() {
			assertThat(echoedId(this.port, "from-anyone")).isEqualTo("from-anyone");
		}

	}

	@Nested
	@SpringBootTest(classes = WebFluxTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "spring.main.web-application-type=reactive", "trace.inbound.trust=none",
					"trace.inbound.trusted-addresses=0.0.0.0/0" })
	class TrustNone {

		@LocalServerPort
		private int port;

		@Test
		void noPeerSetsTheId() {
			assertThat(echoedId(this.port, "from-anyone")).matches("[0-9a-f]{32}");
		}

	}

}
