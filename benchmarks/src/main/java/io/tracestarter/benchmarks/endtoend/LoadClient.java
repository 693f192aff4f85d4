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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends a fixed number of {@code GET /work} requests with a fixed number in flight (one
 * blocking sender thread each, keep-alive connections). It sends no trace id, so the
 * starter generates one per request.
 */
final class LoadClient {

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final HttpRequest request;

	private final int concurrency;

	LoadClient(URI uri, int concurrency) {
		this.request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build();
		this.concurrency = concurrency;
	}

	Outcome run(int requests) throws InterruptedException {
		AtomicInteger remaining = new AtomicInteger(requests);
		AtomicInteger failures = new AtomicInteger();
		Runnable sender = () -> {
			while (remaining.getAndDecrement() > 0) {
				try {
					HttpResponse<String> response = this.client.send(this.request,
							HttpResponse.BodyHandlers.ofString());
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
