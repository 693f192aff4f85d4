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

package io.tracestarter.core;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecentTraceHopsTests {

	@Test
	void aMillionDistinctIdsLeaveTheStructureAtItsBound() {
		RecentTraceHops hops = new RecentTraceHops(1000, 64);
		for (int i = 0; i < 1_000_000; i++) {
			hops.record("id-" + i, Layer.HTTP, HopEvent.IN);
		}
		assertThat(hops.size()).isEqualTo(1000);
		assertThat(hops.hops("id-999999")).isNotNull();
		assertThat(hops.hops("id-998999")).isNull();
	}

	@Test
	void hopsPerIdAreBoundedAndTheRestCounted() {
		RecentTraceHops hops = new RecentTraceHops(10, 64);
		for (int i = 0; i < 1000; i++) {
			hops.record("busy", Layer.ASYNC, HopEvent.HOP);
		}
		RecentTraceHops.Hops kept = hops.hops("busy");
		assertThat(kept.hops()).hasSize(64);
		assertThat(kept.dropped()).isEqualTo(936);
	}

	@Test
	void threadChangesAreRecordedAndTheFirstLoggerNamesTheHop() throws Exception {
		RecentTraceHops hops = new RecentTraceHops(10, 64);
		hops.record("t1", Layer.HTTP, HopEvent.IN);
		hops.logged("t1", "first.logger");
		hops.logged("t1", "second.logger");
		hops.restored("t1");
		CompletableFuture.runAsync(() -> {
			hops.restored("t1");
			hops.logged("t1", "worker.logger");
		}).get(5, TimeUnit.SECONDS);
		assertThat(hops.hops("t1").hops()).extracting((hop) -> hop.layer() + " " + hop.event() + " " + hop.logger())
			.containsExactly("http in first.logger", "reactor hop worker.logger");
	}

	@Test
	void logLinesOfUnknownIdsAreIgnored() {
		RecentTraceHops hops = new RecentTraceHops(10, 64);
		hops.logged("unknown", "a.logger");
		hops.restored("unknown");
		assertThat(hops.size()).isZero();
	}

}
