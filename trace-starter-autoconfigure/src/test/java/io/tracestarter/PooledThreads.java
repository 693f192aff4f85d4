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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.test.system.CapturedOutput;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that pooled threads hold no id once the work that ran on them is over: each
 * thread logs a probe line, and those lines, as written, must carry no {@code trace_id}.
 */
public final class PooledThreads {

	private static final Logger logger = LoggerFactory.getLogger("probe");

	private PooledThreads() {
	}

	/**
	 * Probe Reactor's {@code boundedElastic} and {@code parallel} schedulers, 64 tasks
	 * each, and, when given, every event loop of a Netty group.
	 * @param output the captured output
	 * @param probe names this probe's lines
	 * @param eventLoops a server's event loops, or {@code null}
	 */
	public static void assertHoldNoId(CapturedOutput output, String probe, @Nullable EventLoopGroup eventLoops)
			throws Exception {
		for (Scheduler scheduler : List.of(Schedulers.boundedElastic(), Schedulers.parallel())) {
			Flux.range(0, 64)
				.parallel(8)
				.runOn(scheduler)
				.doOnNext((i) -> logger.info("probe {}", probe))
				.sequential()
				.then()
				.block(Duration.ofSeconds(10));
		}
		int expected = 128;
		if (eventLoops != null) {
			List<Future<?>> probes = new ArrayList<>();
			for (EventExecutor loop : eventLoops) {
				probes.add(loop.submit(() -> logger.info("probe {}", probe)));
			}
			for (Future<?> submitted : probes) {
				submitted.get(10, TimeUnit.SECONDS);
			}
			expected += probes.size();
		}
		assertThat(JsonLines.withMessage(output, ("probe " + probe)::equals)).hasSize(expected)
			.allSatisfy((line) -> assertThat(line).doesNotContainKey("trace_id").containsKey("trace_id_fallback"));
	}

}
