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
			hops.record("id-" + i, "http", "in");
		}
		assertThat(hops.size()).isEqualTo(1000);
		assertThat(hops.hops("id-999999")).isNotNull();
		assertThat(hops.hops("id-998999")).isNull();
	}

	@Test
	void hopsPerIdAreBoundedAndTheRestCounted() {
		RecentTraceHops hops = new RecentTraceHops(10, 64);
		for (int i = 0; i < 1000; i++) {
			hops.record("busy", "async", "hop");
		}
		RecentTraceHops.Hops kept = hops.hops("busy");
		assertThat(kept.hops()).hasSize(64);
		assertThat(kept.dropped()).isEqualTo(936);
	}

	@Test
	void threadChangesAreRecordedAndTheFirstLoggerNamesTheHop() throws Exception {
		RecentTraceHops hops = new RecentTraceHops(10, 64);
		hops.record("t1", "http", "in");
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
