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

import java.util.concurrent.atomic.LongAdder;

import ch.qos.logback.classic.LoggerContext;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The count of cut log values lives in the logging engine's own object store (here
 * Logback's logger context): one counter for every formatter, found again by the meter
 * binder, and none made just to be read.
 */
class TruncationCounterTests {

	private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

	private @Nullable Object saved;

	@BeforeEach
	void saveTheCounterOfOtherTests() {
		this.saved = this.context.getObject(TruncationCounter.KEY);
	}

	@AfterEach
	void restoreTheCounterOfOtherTests() {
		// The store takes no null: with no counter before, an empty one counts the same.
		this.context.putObject(TruncationCounter.KEY, (this.saved != null) ? this.saved : new LongAdder());
	}

	@Test
	void theCounterIsSharedThroughTheLoggerContext() {
		LongAdder shared = TruncationCounter.shared();
		assertThat(TruncationCounter.shared()).isSameAs(shared);
		assertThat(this.context.getObject(TruncationCounter.KEY)).isSameAs(shared);
	}

	@Test
	void theCountIsWhatTheSharedCounterWasToldByAnyFormatter() {
		long before = TruncationCounter.count();
		TruncationCounter.shared().increment();
		TruncationCounter.shared().add(2);
		assertThat(TruncationCounter.count()).isEqualTo(before + 3);
	}

	@Test
	void withoutACounterTheCountIsZeroAndReadingMakesNone() {
		this.context.putObject(TruncationCounter.KEY, "not a counter");
		assertThat(TruncationCounter.count()).isZero();
		assertThat(this.context.getObject(TruncationCounter.KEY)).isEqualTo("not a counter");
	}

	@Test
	void aCounterIsMadeOnFirstUseAndCountedFromZero() {
		this.context.putObject(TruncationCounter.KEY, "not a counter");
		LongAdder shared = TruncationCounter.shared();
		assertThat(shared.sum()).isZero();
		assertThat(this.context.getObject(TruncationCounter.KEY)).isSameAs(shared);
		shared.increment();
		assertThat(TruncationCounter.count()).isOne();
	}

}
