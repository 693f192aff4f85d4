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

package io.tracestarter.sample;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The {@code --demo} run: sends itself one order with {@code X-Trace-ID: abc123}, waits
 * for the last hop, prints the hops its log lines show and the actuator's view of the id,
 * and returns 0 only when every hop carried the id. The report is printed after the
 * application has stopped, so that it is the last thing the command writes.
 */
final class Demo {

	static final String TRACE_ID = "abc123";

	/**
	 * http in, reactor, async, grpc, kafka send, record listener, batch listener, http
	 * out.
	 */
	static final int HOPS = 8;

	private final ConfigurableApplicationContext context;

	Demo(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Send the order, wait for its hops and read the actuator's timeline of the id.
	 * @return the report to print and the exit code
	 */
	Result run() {
		HopCapture capture = new HopCapture();
		Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		capture.setContext(root.getLoggerContext());
		capture.start();
		root.addAppender(capture);
		try {
			String base = "http://127.0.0.1:" + ((WebServerApplicationContext) this.context).getWebServer().getPort();
			WebClient client = WebClient.create(base);
			client.get()
				.uri("/orders?item=book")
				.header("X-Trace-ID", TRACE_ID)
				.retrieve()
				.bodyToMono(String.class)
				.block(Duration.ofSeconds(30));
			Instant deadline = Instant.now().plusSeconds(30);
			while (capture.hops.size() < HOPS && Instant.now().isBefore(deadline)) {
				Thread.onSpinWait();
			}
			List<ILoggingEvent> hops = List.copyOf(capture.hops);
			StringWriter report = new StringWriter();
			PrintWriter out = new PrintWriter(report);
			printHops(hops, out);
			printTimeline(client, out);
			boolean allCarried = hops.size() == HOPS
					&& hops.stream().allMatch((event) -> TRACE_ID.equals(traceId(event)));
			out.println();
			out.println(allCarried ? "Every hop carried trace_id " + TRACE_ID + "."
					: "Some hop lost trace_id " + TRACE_ID + " (" + hops.size() + " of " + HOPS + " hops seen).");
			out.flush();
			return new Result(allCarried ? 0 : 1, report.toString());
		}
		finally {
			root.detachAppender(capture);
			capture.stop();
		}
	}

	private static void printHops(List<ILoggingEvent> hops, PrintWriter out) {
		out.println();
		out.printf("%-8s %-36s %-10s %s%n", "LAYER", "THREAD", "TRACE_ID", "MESSAGE");
		for (ILoggingEvent event : hops) {
			out.printf("%-8s %-36.36s %-10s %s%n", layer(event), event.getThreadName(), traceId(event),
					event.getFormattedMessage());
		}
	}

	private static void printTimeline(WebClient client, PrintWriter out) {
		out.println();
		out.println("GET /actuator/tracecontext/" + TRACE_ID);
		String timeline = client.get()
			.uri("/actuator/tracecontext/{id}", TRACE_ID)
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(10));
		out.println(JsonMapper.builder().build().readTree(timeline).toPrettyString());
	}

	private static String traceId(ILoggingEvent event) {
		Map<String, String> mdc = event.getMDCPropertyMap();
		return (mdc != null) ? String.valueOf(mdc.get("trace_id")) : "null";
	}

	private static String layer(ILoggingEvent event) {
		return event.getKeyValuePairs()
			.stream()
			.filter((pair) -> Hops.HOP.equals(pair.key))
			.map((pair) -> String.valueOf(pair.value))
			.findFirst()
			.orElse("?");
	}

	/**
	 * What the demo found.
	 *
	 * @param exitCode 0 when every hop carried the id, else 1
	 * @param report the hop table, the timeline and the verdict
	 */
	record Result(int exitCode, String report) {
	}

	/** Keeps the hop lines the application logs while the demo runs. */
	private static final class HopCapture extends AppenderBase<ILoggingEvent> {

		private final List<ILoggingEvent> hops = new CopyOnWriteArrayList<>();

		@Override
		protected void append(ILoggingEvent event) {
			List<KeyValuePair> pairs = event.getKeyValuePairs();
			if (pairs != null && pairs.stream().anyMatch((pair) -> Hops.HOP.equals(pair.key))) {
				event.prepareForDeferredProcessing();
				this.hops.add(event);
			}
		}

	}

}
