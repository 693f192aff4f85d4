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

import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mark of a thread that runs a framework's own work: set, suspended around traced
 * work, resumed and cleared, on the thread that set it only.
 */
class OutsideTracedWorkTests {

	@AfterEach
	void clear() {
		OutsideTracedWork.leave();
	}

	@Test
	void aThreadNeverMarkedIsNotOutsideAndHasNothingToSuspend() throws InterruptedException {
		AtomicBoolean current = new AtomicBoolean(true);
		AtomicBoolean suspended = new AtomicBoolean(true);
		Thread thread = new Thread(() -> {
			current.set(OutsideTracedWork.isCurrent());
			suspended.set(OutsideTracedWork.suspend());
			OutsideTracedWork.resume(false);
			OutsideTracedWork.leave();
		});
		thread.start();
		thread.join();
		assertThat(current).isFalse();
		assertThat(suspended).isFalse();
	}

	@Test
	void suspendingClearsTheMarkUntilItIsResumed() {
		OutsideTracedWork.enter();
		assertThat(OutsideTracedWork.isCurrent()).isTrue();
		boolean suspended = OutsideTracedWork.suspend();
		assertThat(suspended).isTrue();
		assertThat(OutsideTracedWork.isCurrent()).isFalse();
		// Nested traced work finds nothing more to suspend, and its resume sets nothing.
		boolean nested = OutsideTracedWork.suspend();
		assertThat(nested).isFalse();
		OutsideTracedWork.resume(nested);
		assertThat(OutsideTracedWork.isCurrent()).isFalse();
		OutsideTracedWork.resume(suspended);
		assertThat(OutsideTracedWork.isCurrent()).isTrue();
	}

	@Test
	void leavingClearsTheMarkAndTheMarkIsPerThread() throws InterruptedException {
		OutsideTracedWork.enter();
		AtomicBoolean elsewhere = new AtomicBoolean(true);
		Thread thread = new Thread(() -> elsewhere.set(OutsideTracedWork.isCurrent()));
		thread.start();
		thread.join();
		assertThat(elsewhere).isFalse();
		OutsideTracedWork.leave();
		assertThat(OutsideTracedWork.isCurrent()).isFalse();
		assertThat(OutsideTracedWork.suspend()).isFalse();
	}

}
