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

package io.tracestarter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.test.system.CapturedOutput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Checks that pooled threads hold no id once the work that ran on them is over: every
 * live thread of Reactor's {@code boundedElastic} and {@code parallel} schedulers and,
 * when given, of a Netty event loop group, found by enumerating the JVM's threads, runs a
 * probe that logs one line, and those lines, as written, must carry no {@code trace_id}.
 */
public final class PooledThreads {

	private static final Logger logger = LoggerFactory.getLogger("probe");

	private static final Predicate<String> BOUNDED_ELASTIC = (name) -> name.startsWith("boundedElastic-")
			&& !name.contains("evictor");

	private static final Predicate<String> PARALLEL = (name) -> name.startsWith("parallel-");

	private PooledThreads() {
	}

	/**
	 * Probe every live thread of Reactor's {@code boundedElastic} and {@code parallel}
	 * schedulers and, when given, every event loop of a Netty group.
	 * @param output the captured output
	 * @param probe names this probe's lines
	 * @param eventLoops a server's event loops, or {@code null}
	 */
	public static void assertHoldNoId(CapturedOutput output, String probe, @Nullable EventLoopGroup eventLoops)
			throws Exception {
		Set<String> liveBefore = liveThreads(BOUNDED_ELASTIC.or(PARALLEL));
		Map<String, AtomicInteger> probed = new ConcurrentHashMap<>();
		Runnable task = () -> {
			probed.computeIfAbsent(Thread.currentThread().getName(), (name) -> new AtomicInteger()).incrementAndGet();
			logger.info("probe {}", probe);
		};
		probeBoundedElastic(task);
		probeParallel(task, probed);
		if (eventLoops != null) {
			List<Future<?>> submitted = new ArrayList<>();
			for (EventExecutor loop : eventLoops) {
				submitted.add(loop.submit(task));
			}
			for (Future<?> future : submitted) {
				future.get(10, TimeUnit.SECONDS);
			}
			Set<String> loopThreads = probed.keySet()
				.stream()
				.filter(BOUNDED_ELASTIC.or(PARALLEL).negate())
				.collect(Collectors.toSet());
			assertThat(loopThreads).hasSize(submitted.size());
			// A live thread named like the group's (prefix, number) is one of its loops.
			Set<String> prefixes = loopThreads.stream()
				.map((name) -> name.replaceAll("[0-9]+$", ""))
				.collect(Collectors.toSet());
			Set<String> liveLoops = liveThreads((name) -> prefixes.contains(name.replaceAll("[0-9]+$", "")));
			assertThat(loopThreads).as("every live thread of the event loop group was probed").containsAll(liveLoops);
		}
		// Every pooled thread alive before and after was probed (an idle one may have
		// been evicted meanwhile).
		Set<String> live = liveThreads(BOUNDED_ELASTIC.or(PARALLEL));
		live.retainAll(liveBefore);
		assertThat(probed.keySet()).as("every live boundedElastic and parallel thread was probed").containsAll(live);
		int expected = probed.values().stream().mapToInt(AtomicInteger::get).sum();
		System.out.printf("pooled threads probed after %s: %d boundedElastic, %d parallel, %d others%n", probe,
				probed.keySet().stream().filter(BOUNDED_ELASTIC).count(),
				probed.keySet().stream().filter(PARALLEL).count(),
				probed.keySet().stream().filter(BOUNDED_ELASTIC.or(PARALLEL).negate()).count());
		await()
			.untilAsserted(() -> assertThat(JsonLines.withMessage(output, ("probe " + probe)::equals)).hasSize(expected)
				.allSatisfy((line) -> assertThat(line).doesNotContainKey("trace_id").containsKey("trace_id_fallback")));
		assertThat(JsonLines.withMessage(output, ("probe " + probe)::equals))
			.extracting((line) -> (String) line.get("thread"))
			.containsExactlyInAnyOrderElementsOf(probed.entrySet()
				.stream()
				.flatMap((entry) -> Collections.nCopies(entry.getValue().get(), entry.getKey()).stream())
				.toList());
	}

	/**
	 * One task per live {@code boundedElastic} worker, all held until every one runs:
	 * while they are held, each task is given a worker of its own, idle ones first.
	 */
	private static void probeBoundedElastic(Runnable task) throws InterruptedException {
		Set<String> live = liveThreads(BOUNDED_ELASTIC);
		int tasks = Math.max(1, live.size());
		CountDownLatch started = new CountDownLatch(tasks);
		CountDownLatch done = new CountDownLatch(tasks);
		Scheduler scheduler = Schedulers.boundedElastic();
		for (int i = 0; i < tasks; i++) {
			scheduler.schedule(() -> {
				try {
					started.countDown();
					// Hold the worker until every task has one; never forever.
					started.await(10, TimeUnit.SECONDS);
					task.run();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				finally {
					done.countDown();
				}
			});
		}
		assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
		assertThat(started.getCount()).as("every boundedElastic probe ran at once, each on its own worker").isZero();
	}

	/**
	 * Rounds of one task per worker of the round-robin {@code parallel} scheduler, until
	 * every live worker has run one (another caller's task in between can shift a round).
	 */
	private static void probeParallel(Runnable task, Map<String, AtomicInteger> probed) throws InterruptedException {
		Scheduler scheduler = Schedulers.parallel();
		for (int round = 0; round < 10; round++) {
			CountDownLatch done = new CountDownLatch(Schedulers.DEFAULT_POOL_SIZE);
			for (int i = 0; i < Schedulers.DEFAULT_POOL_SIZE; i++) {
				scheduler.schedule(() -> {
					try {
						task.run();
					}
					finally {
						done.countDown();
					}
				});
			}
			assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
			if (probed.keySet().containsAll(liveThreads(PARALLEL))) {
				return;
			}
		}
	}

	private static Set<String> liveThreads(Predicate<String> name) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.map(Thread::getName)
			.filter(name)
			.collect(Collectors.toSet());
	}

}
