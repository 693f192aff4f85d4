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

package io.tracestarter.benchmarks.endtoend;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends a fixed number of {@code GET /work} requests with a fixed number in flight (one
 * blocking sender thread each, keep-alive connections). By default it sends no trace id,
 * so the starter generates one per request. With continued traces each request starts a
 * trace of its own upstream: a {@code traceparent} and an {@code X-Trace-ID} with the
 * same trace id, as a service that runs the starter beside a tracer sends them.
 */
final class LoadClient {

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final HttpRequest request;

	private final int concurrency;

	private final boolean continuedTraces;

	LoadClient(URI uri, int concurrency, boolean continuedTraces) {
		this.request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build();
		this.concurrency = concurrency;
		this.continuedTraces = continuedTraces;
	}

	private HttpRequest next() {
		if (!this.continuedTraces) {
			return this.request;
		}
		ThreadLocalRandom random = ThreadLocalRandom.current();
		String traceId = hex(random.nextLong() | 1) + hex(random.nextLong());
		return HttpRequest.newBuilder(this.request, (name, value) -> true)
			.header("X-Trace-ID", traceId)
			.header("traceparent", "00-" + traceId + "-" + hex(random.nextLong() | 1) + "-01")
			.build();
	}

	private static String hex(long value) {
		return HexFormat.of().toHexDigits(value);
	}

	Outcome run(int requests) throws InterruptedException {
		AtomicInteger remaining = new AtomicInteger(requests);
		AtomicInteger failures = new AtomicInteger();
		Runnable sender = () -> {
			while (remaining.getAndDecrement() > 0) {
				try {
					HttpResponse<String> response = this.client.send(next(), HttpResponse.BodyHandlers.ofString());
					if (response.statusCode() != 200 || !response.body().equals("ok")) {
						failures.incrementAndGet();
					}
				}
				catch (Exception ex) {
					if (ex instanceof InterruptedException) {
						Thread.currentThread().interrupt();
						return;
					}
					failures.incrementAndGet();
				}
			}
		};
		Thread[] senders = new Thread[this.concurrency];
		long start = System.nanoTime();
		for (int i = 0; i < senders.length; i++) {
			senders[i] = new Thread(sender, "load-" + i);
			senders[i].start();
		}
		for (Thread thread : senders) {
			thread.join();
		}
		return new Outcome((System.nanoTime() - start) / 1e9, failures.get());
	}

	record Outcome(double seconds, int failures) {
	}

}
