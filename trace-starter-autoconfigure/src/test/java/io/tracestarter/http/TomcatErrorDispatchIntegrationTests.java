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

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import io.tracestarter.JsonLines;
import io.tracestarter.core.TraceContext;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.MDC;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A request whose handler fails and whose error page fails too, on a Tomcat with one
 * worker thread: the next request on that thread starts with no id, and Tomcat's line
 * about the failed error page still carries the failing request's id.
 */
@SpringBootTest(classes = TomcatErrorDispatchIntegrationTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "server.tomcat.threads.max=1",
				"server.tomcat.threads.min-spare=1", "management.tracing.export.otlp.enabled=false",
				"management.otlp.metrics.export.enabled=false" })
@ExtendWith(OutputCaptureExtension.class)
class TomcatErrorDispatchIntegrationTests {

	/**
	 * The id each request found on the worker thread before anything of the starter ran.
	 */
	static final List<String> idsOnArrival = new CopyOnWriteArrayList<>();

	@LocalServerPort
	private int port;

	@Autowired
	private WebServerApplicationContext context;

	@Test
	void aFailingErrorPageLeavesNoIdOnTheWorkerThread(CapturedOutput output) throws Exception {
		RestClient client = RestClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port)
			.defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
			})
			.build();
		assertThat(client.get()
			.uri("/fail")
			.header("X-Trace-ID", "error-dispatch-1")
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.value()).isEqualTo(500);
		// The one worker thread, as Tomcat left it once the request was done with, seen
		// by a task of Tomcat's own executor: the failing request's id is gone.
		assertThat(idOnTheWorkerThread()).isEqualTo("none");
		idsOnArrival.clear();
		for (int i = 0; i < 3; i++) {
			assertThat(client.get().uri("/plain").retrieve().body(String.class)).isNotEqualTo("error-dispatch-1")
				.matches("[0-9a-f]{32}");
		}
		assertThat(idsOnArrival).hasSize(3).containsOnly("none");
		assertThat(idOnTheWorkerThread()).isEqualTo("none");
		await().untilAsserted(() -> {
			List<Map<String, Object>> errorPageLines = JsonLines.withMessage(output,
					(message) -> message.startsWith("Exception Processing [ErrorPage"));
			assertThat(errorPageLines).isNotEmpty()
				.allSatisfy((line) -> assertThat(line).containsEntry("trace_id", "error-dispatch-1"));
		});
	}

	private String idOnTheWorkerThread() throws Exception {
		Executor executor = ((TomcatWebServer) this.context.getWebServer()).getTomcat()
			.getConnector()
			.getProtocolHandler()
			.getExecutor();
		CompletableFuture<String> seen = new CompletableFuture<>();
		executor.execute(() -> {
			String id = TraceContext.currentTraceId();
			String mdc = MDC.get("trace_id");
			seen.complete((id == null && mdc == null) ? "none" : id + "/" + mdc);
		});
		return seen.get(10, TimeUnit.SECONDS);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(FailingController.class)
	static class App {

		// A valve of the test ahead of everything of the starter's: it sees the thread as
		// the previous request left it.
		@Bean
		TomcatContextCustomizer arrivalRecorder() {
			return (context) -> context.getPipeline().addValve(new ValveBase(true) {

				@Override
				public void invoke(Request request, Response response)
						throws java.io.IOException, jakarta.servlet.ServletException {
					String id = TraceContext.currentTraceId();
					String mdc = MDC.get("trace_id");
					idsOnArrival.add((id == null && mdc == null) ? "none" : id + "/" + mdc);
					getNext().invoke(request, response);
				}

			});
		}

	}

	@RestController
	static class FailingController implements ErrorController {

		@GetMapping("/fail")
		String fail() {
			throw new IllegalStateException("handler failed");
		}

		@GetMapping("/plain")
		String plain() {
			return String.valueOf(TraceContext.currentTraceId());
		}

		@RequestMapping("/error")
		String error() {
			throw new IllegalStateException("error page failed");
		}

	}

}
