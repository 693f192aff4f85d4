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

import java.util.ArrayList;
import java.util.List;

import io.tracestarter.core.TraceContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch list: each element is handled under its own id.
 */
class TracedListTests {

	private final List<String> batch = List.of("a", "b", "c");

	private TracedList<String> traced() {
		return new TracedList<>(this.batch, (element) -> "id-" + element);
	}

	@Test
	void aForEachLoopSeesEachElementsIdAndEndsWithNone() {
		List<String> seen = new ArrayList<>();
		for (String element : traced()) {
			seen.add(element + "=" + TraceContext.currentTraceId());
		}
		assertThat(seen).containsExactly("a=id-a", "b=id-b", "c=id-c");
		assertThat(TraceContext.currentTraceId()).isNull();
	}

	@Test
	void forEachEndsWithNone() {
		List<String> seen = new ArrayList<>();
		traced().forEach((element) -> seen.add(element + "=" + TraceContext.currentTraceId()));
		assertThat(seen).containsExactly("a=id-a", "b=id-b", "c=id-c");
		assertThat(TraceContext.currentTraceId()).isNull();
	}

	@Test
	void anIndexLoopSeesEachElementsIdAndExitClearsIt() {
		TracedList<String> traced = traced();
		for (int i = 0; i < traced.size(); i++) {
			String element = traced.get(i);
			assertThat(TraceContext.currentTraceId()).isEqualTo("id-" + element);
		}
		traced.exit();
		assertThat(TraceContext.currentTraceId()).isNull();
	}

	@Test
	void anElementLooksUpItsIdOnce() {
		List<String> lookups = new ArrayList<>();
		TracedList<String> traced = new TracedList<>(this.batch, (element) -> {
			lookups.add(element);
			return "id-" + element;
		});
		traced.get(0);
		traced.get(1);
		traced.get(0);
		traced.exit();
		assertThat(lookups).containsExactly("a", "b");
	}

}
