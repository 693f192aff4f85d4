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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.tracestarter.JsonLines;
import io.tracestarter.app.W3cTestApplication;
import io.tracestarter.core.W3cParticipation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter alone as a W3C Trace Context participant on a real Netty server, each
 * behaviour the W3C trace-context test suite checks at Level 1, written from the
 * recommendation: a request comes in with the headers of a case, the application calls
 * back through a Boot-built {@code WebClient}, and the callback's headers are checked.
 * Micrometer Tracing is absent (the {@code without-micrometer-tracing} execution).
 */
@SpringBootTest(classes = W3cTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=reactive")
@ExtendWith(OutputCaptureExtension.class)
class W3cTraceContextWithoutTracingIntegrationTests {

	private static final String TRACE_ID = "12345678901234567890123456789012";

	private static final String PARENT = "00-" + TRACE_ID + "-1234567890123456-01";

	@LocalServerPort
	private int port;

	/**
	 * Return the path of the application's callback endpoint.
	 * @return the path
	 */
	String servicePath() {
		return "/w3c/test";
	}

	@Test
	void theStarterAloneTakesPart() {
		assertThat(ClassUtils.isPresent("io.micrometer.tracing.Tracer", null)).isFalse();
		assertThat(W3cParticipation.isEnabled()).isTrue();
	}

	@Test
	void noHeadersStartATrace() throws IOException {
		String[] parent = traceparent(callOnce());
		assertThat(parent[3]).isEqualTo("01");
	}

	@Test
	void aValidTraceparentIsContinuedUnderANewParentId() throws IOException {
		String[] parent = traceparent(callOnce("traceparent: " + PARENT));
		assertThat(parent[1]).isEqualTo(TRACE_ID);
		assertThat(parent[2]).isNotEqualTo("1234567890123456");
		assertThat(parent[3]).isEqualTo("01");
		assertThat(traceparent(callOnce("traceparent: 00-" + TRACE_ID + "-1234567890123456-00"))[3]).isEqualTo("00");
	}

	@Test
	void theHeaderNameIsCaseInsensitiveButNotSpelledOtherwise() throws IOException {
		for (String name : List.of("TraceParent", "TrAcEpArEnT", "TRACEPARENT")) {
			assertThat(traceparent(callOnce(name + ": " + PARENT))[1]).isEqualTo(TRACE_ID);
		}
		for (String name : List.of("trace-parent", "trace.parent")) {
			assertThat(traceparent(callOnce(name + ": " + PARENT))[1]).isNotEqualTo(TRACE_ID);
		}
	}

	@Test
	void twoTraceparentHeadersStartATrace() throws IOException {
		String[] parent = traceparent(callOnce("traceparent: 00-12345678901234567890123456789011-1234567890123456-01",
				"traceparent: " + PARENT));
		assertThat(parent[1]).isNotIn(TRACE_ID, "12345678901234567890123456789011");
	}

	@Test
	void invalidTraceparentsStartATrace() throws IOException {
		List<String> invalid = List.of("00-" + TRACE_ID + "-1234567890123456-01.",
				"00-" + TRACE_ID + "-1234567890123456-01-what-the-future-will-be-like",
				"cc-" + TRACE_ID + "-1234567890123456-01.what-the-future-will-be-like",
				"ff-" + TRACE_ID + "-1234567890123456-01", ".0-" + TRACE_ID + "-1234567890123456-01",
				"0.-" + TRACE_ID + "-1234567890123456-01", "000-" + TRACE_ID + "-1234567890123456-01",
				"0-" + TRACE_ID + "-1234567890123456-01", "00-" + TRACE_ID + "0-1234567890123456-01",
				"00-" + TRACE_ID.substring(1) + "-1234567890123456-01",
				"00-.2345678901234567890123456789012-1234567890123456-01", "00-" + TRACE_ID + "-0000000000000000-01",
				"00-" + TRACE_ID + "-.234567890123456-01", "00-" + TRACE_ID + "-12345678901234567-01",
				"00-" + TRACE_ID + "-123456789012345-01", "00-" + TRACE_ID + "-1234567890123456-.0",
				"00-" + TRACE_ID + "-1234567890123456-001", "00-" + TRACE_ID + "-1234567890123456-1");
		for (String value : invalid) {
			String[] parent = traceparent(callOnce("traceparent: " + value));
			assertThat(parent[1]).as(value).isNotEqualTo(TRACE_ID).isNotEqualTo("0".repeat(32));
		}
		assertThat(traceparent(callOnce("traceparent: 00-" + "0".repeat(32) + "-1234567890123456-01"))[1])
			.isNotEqualTo("0".repeat(32));
	}

	@Test
	void aFutureVersionIsReadByTheVersion00Layout() throws IOException {
		assertThat(traceparent(callOnce("traceparent: cc-" + TRACE_ID + "-1234567890123456-01"))[1])
			.isEqualTo(TRACE_ID);
		assertThat(traceparent(
				callOnce("traceparent: cc-" + TRACE_ID + "-1234567890123456-01-what-the-future-will-be"))[1])
			.isEqualTo(TRACE_ID);
	}

	@Test
	void whiteSpaceAroundTheTraceparentIsIgnored() throws IOException {
		for (String value : List.of(" " + PARENT, "\t" + PARENT, PARENT + " ", PARENT + "\t", "\t " + PARENT + " \t")) {
			assertThat(traceparent(callOnce("traceparent:" + value))[1]).isEqualTo(TRACE_ID);
		}
	}

	@Test
	void aTracestateWithoutATraceparentIsDropped() throws IOException {
		HttpHeaders headers = callOnce("tracestate: foo=1,bar=2");
		traceparent(headers);
		assertThat(headers.get("tracestate")).isNull();
	}

	@Test
	void theTracestateIsSentOnCombinedInOrder() throws IOException {
		assertThat(tracestate(callOnce("traceparent: " + PARENT, "tracestate: foo=1,bar=2"))).isEqualTo("foo=1,bar=2");
		assertThat(tracestate(callOnce("traceparent: " + PARENT, "tracestate: foo=1,bar=2",
				"tracestate: rojo=1,congo=2", "tracestate: baz=3")))
			.isEqualTo("foo=1,bar=2,rojo=1,congo=2,baz=3");
		assertThat(tracestate(callOnce("traceparent: " + PARENT, "TrAcEsTaTe: foo=1"))).isEqualTo("foo=1");
		assertThat(tracestate(callOnce("traceparent: " + PARENT, "trace-state: foo=1"))).isNull();
	}

	@Test
	void emptyTracestateHeadersAndWhiteSpaceAreDropped() throws IOException {
		assertThat(tracestate(callOnce("traceparent: " + PARENT, "tracestate: "))).isNull();
		assertThat(tracestate(callOnce("traceparent: " + PARENT, "tracestate: foo=1", "tracestate: ")))
			.isEqualTo("foo=1");
		assertThat(tracestate(callOnce("traceparent: " + PARENT, "tracestate: ", "tracestate: foo=1")))
			.isEqualTo("foo=1");
		assertThat(tracestate(callOnce("traceparent: " + PARENT, "tracestate: foo=1 \t , \t bar=2, \t baz=3")))
			.isEqualTo("foo=1,bar=2,baz=3");
		assertThat(tracestate(callOnce("traceparent: " + PARENT, "tracestate:\t foo=1 \t"))).isEqualTo("foo=1");
	}

	@Test
	void anInvalidTracestateIsDiscardedWhole() throws IOException {
		for (String value : List.of("foo =1", "FOO=1", "foo.bar=1", "@foo=1,bar=2", "foo=bar=baz", "foo=,bar=3")) {
			assertThat(tracestate(callOnce("traceparent: " + PARENT, "tracestate: " + value))).as(value).isNull();
		}
		assertThat(tracestate(callOnce("traceparent: " + PARENT, "tracestate: foo@=1,bar=2")))
			.isEqualTo("foo@=1,bar=2");
	}

	@Test
	void theTracestateLimitsHold() throws IOException {
		List<String> members = new ArrayList<>();
		for (int i = 1; i <= 33; i++) {
			members.add(String.format("bar%02d=%02d", i, i));
		}
		String thirtyTwo = String.join(",", members.subList(0, 32));
		assertThat(tracestate(callOnce("traceparent: " + PARENT, "tracestate: " + thirtyTwo))).isEqualTo(thirtyTwo);
		assertThat(tracestate(callOnce("traceparent: " + PARENT, "tracestate: " + String.join(",", members)))).isNull();
		String longKey = "z".repeat(256);
		assertThat(tracestate(callOnce("traceparent: " + PARENT, "tracestate: foo=1", "tracestate: " + longKey + "=1")))
			.isEqualTo("foo=1," + longKey + "=1");
		assertThat(
				tracestate(callOnce("traceparent: " + PARENT, "tracestate: foo=1", "tracestate: z" + longKey + "=1")))
			.isNull();
	}

	@Test
	void everyCallbackKeepsTheTraceIdUnderAParentIdOfItsOwn() throws IOException {
		for (String[] headers : List.of(new String[] { "traceparent: " + PARENT }, new String[0],
				new String[] { "traceparent: 00-" + "0".repeat(32) + "-1234567890123456-01" })) {
			Set<String> traceIds = new HashSet<>();
			Set<String> parentIds = new HashSet<>();
			for (HttpHeaders callback : call(3, headers)) {
				String[] parent = traceparent(callback);
				traceIds.add(parent[1]);
				parentIds.add(parent[2]);
			}
			assertThat(traceIds).hasSize(1).doesNotContain("0".repeat(32));
			assertThat(parentIds).hasSize(3);
		}
	}

	@Test
	void theRequestsLinesCarryItsSpanIdAndTheCallbacksCarryTheTrace(CapturedOutput output) throws IOException {
		callOnce("traceparent: " + PARENT, "X-Trace-ID: w3c-lines");
		List<Map<String, Object>> lines = JsonLines.withMessage(output,
				(message) -> message.startsWith("w3c test calls"));
		Map<String, Object> line = lines.stream()
			.filter((candidate) -> "w3c-lines".equals(candidate.get("trace_id")))
			.findFirst()
			.orElseThrow();
		assertThat((String) line.get("span_id")).matches("[0-9a-f]{16}").isNotEqualTo("1234567890123456");
	}

	private HttpHeaders callOnce(String... headers) throws IOException {
		return call(1, headers).get(0);
	}

	// Like the harness: the callback URLs go in the body, the case's headers on the
	// request, sent as written (raw, so repeated headers and white space arrive as is).
	private List<HttpHeaders> call(int count, String... headers) throws IOException {
		String key = UUID.randomUUID().toString();
		List<String> urls = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			urls.add("{\"url\":\"http://127.0.0.1:" + this.port + "/w3c/harness/" + key + "-" + i
					+ "\",\"arguments\":[]}");
		}
		String body = "[" + String.join(",", urls) + "]";
		StringBuilder request = new StringBuilder(
				"POST /w3c/test HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
		for (String header : headers) {
			request.append(header).append("\r\n");
		}
		request.append("Content-Type: application/json\r\nContent-Length: ")
			.append(body.getBytes(StandardCharsets.UTF_8).length)
			.append("\r\n\r\n")
			.append(body);
		String response = send(request.toString());
		assertThat(response).startsWith("HTTP/1.1 200");
		List<HttpHeaders> received = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			HttpHeaders callback = W3cTestApplication.RECEIVED.get(key + "-" + i);
			assertThat(callback).as("callback %d", i).isNotNull();
			received.add(callback);
		}
		return received;
	}

	private String send(String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.UTF_8));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream response = new ByteArrayOutputStream();
			in.transferTo(response);
			return response.toString(StandardCharsets.ISO_8859_1);
		}
	}

	/**
	 * The one traceparent of a callback, split at '-': version, trace id, parent, flags.
	 */
	private static String[] traceparent(HttpHeaders headers) {
		List<String> values = headers.get("traceparent");
		assertThat(values).hasSize(1);
		assertThat(values.get(0)).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
		String[] parts = values.get(0).split("-");
		assertThat(parts[2]).isNotEqualTo("0".repeat(16));
		return parts;
	}

	private static String tracestate(HttpHeaders headers) {
		List<String> values = headers.get("tracestate");
		return (values != null) ? String.join(",", values) : null;
	}

}
