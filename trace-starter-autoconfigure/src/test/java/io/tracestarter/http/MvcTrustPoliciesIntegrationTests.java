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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tracestarter.JsonLines;
import io.tracestarter.app.MvcTestApplication;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The three trust policies on the servlet path, judged by the peer address Tomcat sees
 * (no forwarded headers): a real Tomcat server, and clients connecting from 127.0.0.1 and
 * from 127.0.0.2 ("another client").
 */
@ExtendWith(OutputCaptureExtension.class)
class MvcTrustPoliciesIntegrationTests {

	private static final Pattern ECHOED = Pattern.compile("(?i)\r\nX-Trace-ID: ([^\r\n]*)\r\n");

	/**
	 * Send one request with an id from the given local address and return the id the
	 * response echoes.
	 */
	String echoedId(int port, String from, String traceId) throws IOException {
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
			socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET /mvc/hello?tag=" + traceId + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
					+ "X-Trace-ID: " + traceId + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream response = new ByteArrayOutputStream();
			in.transferTo(response);
			String text = response.toString(StandardCharsets.ISO_8859_1);
			assertThat(text).startsWith("HTTP/1.1 200");
			Matcher echoed = ECHOED.matcher(text);
			assertThat(echoed.find()).as("response echoes an id: %s", text).isTrue();
			return echoed.group(1);
		}
	}

	/**
	 * The handler's line for the given tag carries exactly the id the response echoed.
	 */
	void assertLoggedUnder(CapturedOutput output, String tag, String echoed) {
		await().untilAsserted(
				() -> assertThat(JsonLines.withMessage(output, ("mvc handler " + tag)::equals)).singleElement()
					.satisfies((line) -> assertThat(line).containsEntry("trace_id", echoed)));
	}

	@Nested
	@SpringBootTest(classes = MvcTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "spring.main.web-application-type=servlet", "trace.inbound.trust=all",
					"trace.inbound.trusted-addresses=127.0.0.1/32", "management.tracing.export.otlp.enabled=false",
					"management.otlp.metrics.export.enabled=false" })
	class TrustAll {

		@LocalServerPort
		private int port;

		@Test
		void anyPeerSetsTheId(CapturedOutput output) throws IOException {
			assertThat(echoedId(this.port, "127.0.0.2", "mvc-all-other")).isEqualTo("mvc-all-other");
			assertThat(echoedId(this.port, "127.0.0.1", "mvc-all-local")).isEqualTo("mvc-all-local");
			assertLoggedUnder(output, "mvc-all-other", "mvc-all-other");
		}

	}

	@Nested
	@SpringBootTest(classes = MvcTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "spring.main.web-application-type=servlet", "trace.inbound.trust=none",
					"trace.inbound.trusted-addresses=0.0.0.0/0", "management.tracing.export.otlp.enabled=false",
					"management.otlp.metrics.export.enabled=false" })
	class TrustNone {

		@LocalServerPort
		private int port;

		@Test
		void noPeerSetsTheIdNotEvenATrustedAddress(CapturedOutput output) throws IOException {
			String other = echoedId(this.port, "127.0.0.2", "mvc-none-other");
			String local = echoedId(this.port, "127.0.0.1", "mvc-none-local");
			assertThat(other).matches("[0-9a-f]{32}");
			assertThat(local).matches("[0-9a-f]{32}").isNotEqualTo(other);
			assertLoggedUnder(output, "mvc-none-other", other);
			assertLoggedUnder(output, "mvc-none-local", local);
		}

	}

	@Nested
	@SpringBootTest(classes = MvcTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "spring.main.web-application-type=servlet", "trace.inbound.trust=trusted-proxies",
					"trace.inbound.trusted-addresses=127.0.0.1/32", "management.tracing.export.otlp.enabled=false",
					"management.otlp.metrics.export.enabled=false" })
	class TrustedProxies {

		@LocalServerPort
		private int port;

		@Test
		void onlyATrustedPeerSetsTheId(CapturedOutput output) throws IOException {
			assertThat(echoedId(this.port, "127.0.0.1", "mvc-proxy-local")).isEqualTo("mvc-proxy-local");
			String other = echoedId(this.port, "127.0.0.2", "mvc-proxy-other");
			assertThat(other).matches("[0-9a-f]{32}");
			assertLoggedUnder(output, "mvc-proxy-local", "mvc-proxy-local");
			assertLoggedUnder(output, "mvc-proxy-other", other);
		}

	}

}
