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
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import io.tracestarter.JsonLines;
import io.tracestarter.app.MvcTestApplication;
import io.tracestarter.core.Layer;
import io.tracestarter.core.TraceMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The servlet path's counterpart of {@link HostileHttpInputIntegrationTests}: the hostile
 * corpus sent as raw bytes over a socket to a real Tomcat server running Spring MVC, as
 * {@code X-Trace-ID}, {@code traceparent} with {@code tracestate}, a duplicated header,
 * and percent-encoded in the {@code trace_id} query parameter, which the servlet filter
 * parses itself. Every request gets a response, no value reaches a response or a log line
 * other than Tomcat's own report of what it refused, and every value Tomcat hands to the
 * starter's filter is counted as rejected and answered with a generated id.
 */
@SpringBootTest(classes = MvcTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "management.tracing.export.otlp.enabled=false",
				"management.otlp.metrics.export.enabled=false" })
@ExtendWith(OutputCaptureExtension.class)
class MvcHostileHttpInputIntegrationTests {

	private static final String PATH = "/mvc/hello";

	private static final Pattern ECHOED_GENERATED = Pattern.compile("(?i)\r\nX-Trace-ID: [0-9a-f]{32}\r\n");

	@LocalServerPort
	private int port;

	@Autowired
	private TraceMetrics metrics;

	@Test
	void everyHostileValueIsAnsweredNeverEchoedAndCounted(CapturedOutput output) throws IOException {
		long rejectedBefore = rejected();
		long extractedBefore = this.metrics.count(TraceMetrics.EXTRACTED, Layer.HTTP, null);
		// Tomcat takes at most 8 KB of request line and headers.
		List<byte[]> ids = HostileCorpus.idValues(6 * 1024);
		List<String> traceparents = HostileCorpus.traceparentValues();
		List<byte[]> queryValues = HostileCorpus.idValues(1024);
		int sent = 0;
		int answered = 0;
		int reachedFilter = 0;
		for (byte[] value : ids) {
			String response = send(PATH, header("X-Trace-ID", value));
			sent++;
			answered += response.startsWith("HTTP/1.1 ") ? 1 : 0;
			reachedFilter += reachedTheFilter(response) ? 1 : 0;
			assertThat(response).doesNotContain(HostileCorpus.MARKER);
		}
		for (String value : traceparents) {
			String response = send(PATH, header("traceparent", value.getBytes(StandardCharsets.ISO_8859_1))
					+ "tracestate: " + HostileCorpus.MARKER + "=evil\r\n");
			sent++;
			answered += response.startsWith("HTTP/1.1 ") ? 1 : 0;
			reachedFilter += reachedTheFilter(response) ? 1 : 0;
			assertThat(response).doesNotContain(HostileCorpus.MARKER);
		}
		for (byte[] value : queryValues) {
			String response = send(PATH + "?trace_id=" + percentEncoded(value), "");
			sent++;
			answered += response.startsWith("HTTP/1.1 ") ? 1 : 0;
			// Percent-encoded, every value is a legal request target: all reach the
			// filter (Tomcat may still refuse to decode the parameters for the handler).
			assertThat(reachedTheFilter(response)).as(response).isTrue();
			assertThat(response).doesNotContain(HostileCorpus.MARKER);
			reachedFilter++;
		}
		// A duplicated header: the first value counts, and it is hostile.
		String duplicated = send(PATH,
				header("X-Trace-ID", (HostileCorpus.MARKER + " first").getBytes(StandardCharsets.US_ASCII))
						+ "X-Trace-ID: valid-second\r\n");
		sent++;
		answered++;
		reachedFilter++;
		assertThat(duplicated).startsWith("HTTP/1.1 200").doesNotContain(HostileCorpus.MARKER);
		assertThat(reachedTheFilter(duplicated)).isTrue();
		long rejected = rejected() - rejectedBefore;
		System.out.printf("hostile mvc: %d values sent, %d answered, %d reached the filter, %d rejections counted%n",
				sent, answered, reachedFilter, rejected);
		assertThat(answered).isEqualTo(sent);
		// The corpus must really reach the starter, not only Tomcat's own checks.
		assertThat(reachedFilter).isGreaterThanOrEqualTo(queryValues.size() + traceparents.size() / 2);
		// Values Tomcat itself refuses (400) never reach the filter; every value that
		// does is rejected and counted; none is ever accepted.
		assertThat(rejected).isEqualTo(reachedFilter);
		assertThat(this.metrics.count(TraceMetrics.EXTRACTED, Layer.HTTP, null)).isEqualTo(extractedBefore);
		// Tomcat's own diagnostics quote what it refused (a header line that breaks RFC
		// 9112, a parameter it cannot decode); no other line holds a value, and no line
		// carries one as its id.
		List<String> leaking = output.getOut()
			.lines()
			.filter((line) -> line.contains(HostileCorpus.MARKER))
			.filter((line) -> !String.valueOf(JsonLines.parseLine(line).get("logger")).startsWith("org.apache."))
			.toList();
		assertThat(leaking).isEmpty();
		assertThat(JsonLines.parse(output))
			.allSatisfy((line) -> assertThat(String.valueOf(line.get("trace_id"))).matches("null|[0-9a-f]{32}"));
		assertThat(JsonLines.withMessage(output, "mvc handler x"::equals))
			.hasSizeGreaterThanOrEqualTo(reachedFilter / 2)
			.allSatisfy((line) -> assertThat((String) line.get("trace_id")).matches("[0-9a-f]{32}"));
	}

	/**
	 * Whether the starter's filter saw the request: only it sets {@code X-Trace-ID} on
	 * the response, and the id it set is one it generated (nothing hostile is echoed).
	 */
	private static boolean reachedTheFilter(String response) {
		return ECHOED_GENERATED.matcher(response).find();
	}

	private long rejected() {
		return this.metrics.count(TraceMetrics.REJECTED, Layer.HTTP, null);
	}

	private static String header(String name, byte[] value) {
		return name + ": " + new String(value, StandardCharsets.ISO_8859_1) + "\r\n";
	}

	private static String percentEncoded(byte[] value) {
		StringBuilder encoded = new StringBuilder(value.length * 3);
		for (byte b : value) {
			encoded.append('%').append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
		}
		return encoded.toString();
	}

	private String send(String target, String headers) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers + "\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream response = new ByteArrayOutputStream();
			in.transferTo(response);
			return response.toString(StandardCharsets.ISO_8859_1);
		}
	}

}
