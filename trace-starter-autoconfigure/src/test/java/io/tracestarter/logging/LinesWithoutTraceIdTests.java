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

package io.tracestarter.logging;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LinesWithoutTraceIdTests {

	@Test
	void groupsByLoggerAndFoldedThreadName() {
		LinesWithoutTraceId breakPoints = new LinesWithoutTraceId(10);
		Instant start = Instant.parse("2026-01-01T00:00:00Z");
		breakPoints.record("a.Logger", "pool-3-thread-17", "first", start);
		breakPoints.record("a.Logger", "pool-3-thread-2", "second", start.plusSeconds(5));
		breakPoints.record("b.Logger", "pool-3-thread-2", "other", start);
		assertThat(breakPoints.groups()).first().satisfies((group) -> {
			assertThat(group.logger()).isEqualTo("a.Logger");
			assertThat(group.threadGroup()).isEqualTo("pool-N-thread-N");
			assertThat(group.count()).isEqualTo(2);
			assertThat(group.first()).isEqualTo(start);
			assertThat(group.last()).isEqualTo(start.plusSeconds(5));
			assertThat(group.sample()).isEqualTo("first");
		});
		assertThat(breakPoints.linesWithoutId()).isEqualTo(3);
	}

	@Test
	void samplesAreCutAndSanitized() {
		LinesWithoutTraceId breakPoints = new LinesWithoutTraceId(10);
		breakPoints.record("a", "t", "line\r\nInjected: 1 \u0000 \uD800" + "x".repeat(500), Instant.now());
		assertThat(breakPoints.groups().get(0).sample()).startsWith("line??Injected: 1 ? ?")
			.endsWith("...")
			.hasSize(203);
	}

	@Test
	void aMillionDistinctPlacesLeaveTheGroupsAtTheirBound() {
		LinesWithoutTraceId breakPoints = new LinesWithoutTraceId(100);
		Instant now = Instant.now();
		for (int i = 0; i < 1_000_000; i++) {
			breakPoints.record("logger." + i, "thread-x" + (char) ('a' + i % 26), "m", now);
		}
		assertThat(breakPoints.groups()).hasSize(100);
		assertThat(breakPoints.linesWithoutId()).isEqualTo(1_000_000);
		assertThat(breakPoints.linesInDroppedGroups()).isEqualTo(1_000_000 - 100);
	}

}
