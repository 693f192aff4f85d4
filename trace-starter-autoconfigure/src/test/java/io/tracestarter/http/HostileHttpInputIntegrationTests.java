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

import io.tracestarter.app.WebFluxTestApplication;
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
 * The hostile corpus sent as raw bytes over a socket (no HTTP client cleans them up) to a
 * real Netty server, as {@code X-Trace-ID}, {@code traceparent}, {@code tracestate} and
 * duplicated headers: every request gets a response, no value reaches a log line or a
 * response, and every value the server hands to the application is counted as rejected.
 */
@SpringBootTest(classes = WebFluxTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "management.tracing.export.otlp.enabled=false",
				"management.otlp.metrics.export.enabled=false" })
@ExtendWith(OutputCaptureExtension.class)
class HostileHttpInputIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private TraceMetrics metrics;

	@Test
	void everyHostileValueIsAnsweredNeverEchoedAndCounted(CapturedOutput output) throws IOException {
		List<byte[]> ids = HostileCorpus.idValues(6 * 1024);
		List<String> traceparents = HostileCorpus.traceparentValues();
		assertThat(ids.size() + traceparents.size()).isGreaterThanOrEqualTo(200);
		int answered = 0;
		int reachedApplication = 0;
		for (byte[] value : ids) {
			String response = send(header("X-Trace-ID", value));
			answered += response.startsWith("HTTP/1.1 ") ? 1 : 0;
			reachedApplication += response.startsWith("HTTP/1.1 200") ? 1 : 0;
			assertThat(response).doesNotContain(HostileCorpus.MARKER);
		}
		for (String value : traceparents) {
			String response = send(header("traceparent", value.getBytes(StandardCharsets.ISO_8859_1)) + "tracestate: "
					+ HostileCorpus.MARKER + "=evil\r\n");
			answered += response.startsWith("HTTP/1.1 ") ? 1 : 0;
			reachedApplication += response.startsWith("HTTP/1.1 200") ? 1 : 0;
		}
		// A duplicated header: the first value counts, and it is hostile.
		String duplicated = send(
				header("X-Trace-ID", (HostileCorpus.MARKER + " first").getBytes(StandardCharsets.US_ASCII))
						+ "X-Trace-ID: valid-second\r\n");
		assertThat(duplicated).startsWith("HTTP/1.1 200").doesNotContain(HostileCorpus.MARKER);
		reachedApplication++;
		answered++;
		System.out.printf(
				"hostile http: %d values sent, %d answered, %d reached the application, %d rejections counted%n",
				ids.size() + traceparents.size() + 1, answered, reachedApplication,
				this.metrics.count(TraceMetrics.REJECTED, Layer.HTTP, null));
		assertThat(answered).isEqualTo(ids.size() + traceparents.size() + 1);
		// Values the server itself refuses (400) never reach the starter; every value
		// that
		// does is rejected and counted; none is ever accepted.
		assertThat(this.metrics.count(TraceMetrics.REJECTED, Layer.HTTP, null)).isEqualTo(reachedApplication);
		assertThat(this.metrics.count(TraceMetrics.EXTRACTED, Layer.HTTP, null)).isZero();
		assertThat(output.getOut()).doesNotContain(HostileCorpus.MARKER);
	}

	private static String header(String name, byte[] value) {
		return name + ": " + new String(value, StandardCharsets.ISO_8859_1) + "\r\n";
	}

	private String send(String headers) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET /plain HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers + "\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream response = new ByteArrayOutputStream();
			in.transferTo(response);
			return response.toString(StandardCharsets.ISO_8859_1);
		}
	}

}
