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

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared accessor tells every context's recorder of restored ids, until that context
 * removes its own.
 */
class RestoredIdRecordersTests {

	@Test
	void everyAddedRecorderIsToldUntilItIsRemoved() throws Exception {
		List<String> first = new ArrayList<>();
		List<String> second = new ArrayList<>();
		int before = RestoredIdRecorders.size();
		AutoCloseable one = RestoredIdRecorders.add(restoredInto(first));
		AutoCloseable two = RestoredIdRecorders.add(restoredInto(second));
		TraceIdThreadLocalAccessor accessor = new TraceIdThreadLocalAccessor();
		try {
			accessor.setValue("restored-1");
			one.close();
			accessor.setValue("restored-2");
		}
		finally {
			accessor.setValue();
			two.close();
		}
		assertThat(first).containsExactly("restored-1");
		assertThat(second).containsExactly("restored-1", "restored-2");
		assertThat(RestoredIdRecorders.size()).isEqualTo(before);
	}

	private static TraceHopRecorder restoredInto(List<String> ids) {
		return new TraceHopRecorder() {

			@Override
			public void record(String traceId, Layer layer, HopEvent event) {
			}

			@Override
			public void restored(String traceId) {
				ids.add(traceId);
			}

		};
	}

}
