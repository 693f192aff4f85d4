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

	record Outcome(double seconds, int failures) {
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

}
