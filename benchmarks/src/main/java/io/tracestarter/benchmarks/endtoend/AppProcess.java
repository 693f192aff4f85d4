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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One variant of the app in its own JVM, its console going to a file.
 */
final class AppProcess implements AutoCloseable {

	// The same for every variant; a fixed heap keeps GC sizing out of the comparison.
	private static final List<String> JVM_OPTIONS = List.of("-Xms512m", "-Xmx512m", "-XX:+UseG1GC");

	private static final String APP_MAIN = "io.tracestarter.benchmarks.endtoend.app.EndToEndApplication";

	private static final HttpClient probe = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	final Variant variant;

	final int port;

	final Path log;

	private final Process process;

	private final long startedAt;

	private AppProcess(Variant variant, int port, Path log, Process process, long startedAt) {
		this.variant = variant;
		this.port = port;
		this.log = log;
		this.process = process;
		this.startedAt = startedAt;
	}

	/**
	 * Starts the variant; with {@code append} the log is opened so that the driver can
	 * truncate it.
	 */
	static AppProcess start(Variant variant, Path moduleDir, Path log, boolean append) throws IOException {
		Path target = moduleDir.resolve("target");
		Path classpathFile = built(target.resolve("end-to-end").resolve(variant.classpathFile));
		String classpath = target.resolve("classes") + java.io.File.pathSeparator
				+ Files.readString(classpathFile).trim();
		int port = freePort();
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(JVM_OPTIONS);
		if (variant.javaAgent != null) {
			command.add("-javaagent:" + built(target.resolve("end-to-end").resolve(variant.javaAgent)));
		}
		command.addAll(variant.jvmOptions);
		command.addAll(List.of("-cp", classpath, APP_MAIN, "--server.address=127.0.0.1", "--server.port=" + port));
		command.addAll(variant.arguments);
		Files.createDirectories(log.getParent());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(
					append ? ProcessBuilder.Redirect.appendTo(log.toFile()) : ProcessBuilder.Redirect.to(log.toFile()));
		long startedAt = System.nanoTime();
		return new AppProcess(variant, port, log, builder.start(), startedAt);
	}

	private static Path built(Path file) {
		if (!Files.exists(file)) {
			throw new IllegalStateException(
					file + " is missing: build the module with ./mvnw -q -pl benchmarks -am package -DskipTests");
		}
		return file;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	/** Polls {@code /work} until it answers; returns the time since launch in ms. */
	double awaitFirstResponse(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		HttpRequest request = HttpRequest.newBuilder(uri("/work")).build();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.variant.label + " exited; see " + this.log);
			}
			try {
				if (probe.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return (System.nanoTime() - this.startedAt) / 1e6;
				}
			}
			catch (IOException notYet) {
				// not listening yet
			}
			Thread.sleep(10);
		}
		throw new IllegalStateException(this.variant.label + " did not answer within " + timeout + "; see " + this.log);
	}

	/** User plus system CPU time of the process so far, in clock ticks. */
	long cpuTicks() {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(this.process.pid()), "stat"));
			// Fields after the command name, which is in parentheses and may hold spaces:
			// state is field 3, utime 14, stime 15.
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	long allocatedBytes() throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(uri("/bench/alloc")).build();
		return Long.parseLong(probe.send(request, HttpResponse.BodyHandlers.ofString()).body().trim());
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor();
		}
	}

}
