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

package io.tracestarter.kafka;

import io.tracestarter.core.OutsideTracedWork;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.event.ConsumerStoppedEvent.Reason;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch listener's consumer thread is marked as outside traced work from its first poll
 * until the consumer stops, except while the listener runs; the batch itself is left as
 * it is.
 */
class ListenerThreadMarkTests {

	@AfterEach
	void threadKeepsNoMark() {
		OutsideTracedWork.leave();
	}

	@Test
	void thePollHookMarksTheThreadAndTheBatchIsLeftAsItIs() {
		ListenerThreadMark.INSTANCE.setupThreadState(null);
		assertThat(OutsideTracedWork.isCurrent()).isTrue();
		ListenerThreadMark.INSTANCE.clearThreadState(null);
		assertThat(OutsideTracedWork.isCurrent()).as("kept between poll cycles").isTrue();
		ConsumerRecords<Object, Object> records = ConsumerRecords.empty();
		assertThat(ListenerThreadMark.INSTANCE.intercept(records, null)).isSameAs(records);
	}

	@Test
	void theMarkIsLiftedWhileTheBatchListenerRuns() {
		ListenerThreadMark.INSTANCE.setupThreadState(null);
		ConsumerRecords<Object, Object> records = ConsumerRecords.empty();
		ListenerThreadMark.INSTANCE.intercept(records, null);
		assertThat(OutsideTracedWork.isCurrent()).as("the listener's work").isFalse();
		ListenerThreadMark.INSTANCE.success(records, null);
		assertThat(OutsideTracedWork.isCurrent()).isTrue();
		ListenerThreadMark.INSTANCE.intercept(records, null);
		ListenerThreadMark.INSTANCE.failure(records, new IllegalStateException("boom"), null);
		assertThat(OutsideTracedWork.isCurrent()).as("the error handler's lines are the container's").isTrue();
	}

	@Test
	void theMarkIsClearedWhenTheConsumerStops() {
		ListenerThreadMark.INSTANCE.setupThreadState(null);
		ListenerThreadMark.Release release = new ListenerThreadMark.Release();
		release.onApplicationEvent(new ConsumerStoppedEvent(this, this, Reason.NORMAL));
		assertThat(OutsideTracedWork.isCurrent()).isFalse();
		assertThat(release.supportsAsyncExecution()).as("runs on the consumer thread").isFalse();
	}

}
