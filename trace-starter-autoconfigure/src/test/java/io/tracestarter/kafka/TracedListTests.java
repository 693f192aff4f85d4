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
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A batch list: each element is handled under its own id, and after a loop the listener
 * thread carries the batch's own id again, for every loop form the list can see end.
 */
class TracedListTests {

	private static final String BATCH = "batch-own-id";

	private final List<String> batch = List.of("a", "b", "c", "d");

	private final List<String> seen = new ArrayList<>();

	private TraceScope batchScope;

	@BeforeEach
	void openTheBatchsOwnId() {
		this.batchScope = TraceContext.open(BATCH);
	}

	@AfterEach
	void closeIt() {
		this.batchScope.close();
		assertThat(TraceContext.currentTraceId()).isNull();
	}

	private TracedList<String> traced() {
		return new TracedList<>(this.batch, (element) -> "id-" + element);
	}

	private void see(String element) {
		this.seen.add(element + "=" + TraceContext.currentTraceId());
	}

	@Test
	void forEachLoop() {
		for (String element : traced()) {
			see(element);
		}
		assertThat(this.seen).containsExactly("a=id-a", "b=id-b", "c=id-c", "d=id-d");
		assertThat(TraceContext.currentTraceId()).isEqualTo(BATCH);
	}

	@Test
	void iterableForEach() {
		traced().forEach(this::see);
		assertThat(this.seen).containsExactly("a=id-a", "b=id-b", "c=id-c", "d=id-d");
		assertThat(TraceContext.currentTraceId()).isEqualTo(BATCH);
	}

	@Test
	void indexLoopThatChecksSizeEachTime() {
		List<String> traced = traced();
		for (int i = 0; i < traced.size(); i++) {
			see(traced.get(i));
		}
		assertThat(this.seen).containsExactly("a=id-a", "b=id-b", "c=id-c", "d=id-d");
		assertThat(TraceContext.currentTraceId()).isEqualTo(BATCH);
	}

	// The list cannot tell the loop's own check from a size() in the body: on the last
	// element such a call ends the id early, so the rest of its body carries the batch's
	// id, never a wrong one.
	@Test
	void sizeAskedInTheLastElementsBodyEndsItsIdEarly() {
		List<String> traced = traced();
		for (int i = 0; i < traced.size(); i++) {
			String element = traced.get(i);
			this.seen.add(element + " of " + traced.size() + "=" + TraceContext.currentTraceId());
		}
		assertThat(this.seen).containsExactly("a of 4=id-a", "b of 4=id-b", "c of 4=id-c", "d of 4=" + BATCH);
		assertThat(TraceContext.currentTraceId()).isEqualTo(BATCH);
	}

	@Test
	void streamForEachAndCollect() {
		traced().stream().forEach(this::see);
		assertThat(TraceContext.currentTraceId()).isEqualTo(BATCH);
		List<String> mapped = traced().stream()
			.map((element) -> element + "=" + TraceContext.currentTraceId())
			.collect(Collectors.toList());
		assertThat(TraceContext.currentTraceId()).isEqualTo(BATCH);
		assertThat(this.seen).containsExactly("a=id-a", "b=id-b", "c=id-c", "d=id-d");
		assertThat(mapped).containsExactly("a=id-a", "b=id-b", "c=id-c", "d=id-d");
	}

	@Test
	void parallelStreamOnlyTouchesTheListenerThread() {
		Thread listener = Thread.currentThread();
		ConcurrentMap<String, String> seenElsewhere = new ConcurrentHashMap<>();
		traced().parallelStream().forEach((element) -> {
			if (Thread.currentThread() == listener) {
				assertThat(TraceContext.currentTraceId()).isEqualTo("id-" + element);
			}
			else {
				seenElsewhere.put(element, String.valueOf(TraceContext.currentTraceId()));
			}
		});
		assertThat(seenElsewhere.values()).doesNotContain("id-a", "id-b", "id-c", "id-d");
		assertThat(TraceContext.currentTraceId()).isEqualTo(BATCH);
	}

	@Test
	void subListLoopsOfEveryForm() {
		List<String> tail = traced().subList(1, 4);
		for (String element : tail) {
			see(element);
		}
		assertThat(TraceContext.currentTraceId()).isEqualTo(BATCH);
		for (int i = 0; i < tail.size(); i++) {
			see(tail.get(i));
		}
		assertThat(TraceContext.currentTraceId()).isEqualTo(BATCH);
		tail.subList(0, 2).forEach(this::see);
		assertThat(TraceContext.currentTraceId()).isEqualTo(BATCH);
		assertThat(this.seen).containsExactly("b=id-b", "c=id-c", "d=id-d", "b=id-b", "c=id-c", "d=id-d", "b=id-b",
				"c=id-c");
	}

	@Test
	void listIteratorBothWays() {
		ListIterator<String> iterator = traced().listIterator(2);
		see(iterator.next());
		see(iterator.previous());
		see(iterator.previous());
		while (iterator.hasNext()) {
			see(iterator.next());
		}
		assertThat(this.seen).containsExactly("c=id-c", "c=id-c", "b=id-b", "b=id-b", "c=id-c", "d=id-d");
		assertThat(TraceContext.currentTraceId()).isEqualTo(BATCH);
	}

	@Test
	void queriesMoveNoId() {
		TracedList<String> traced = traced();
		assertThat(traced.contains("c")).isTrue();
		assertThat(traced.indexOf("b")).isEqualTo(1);
		assertThat(traced.lastIndexOf("d")).isEqualTo(3);
		assertThat(traced.containsAll(List.of("a", "d"))).isTrue();
		assertThat(traced.toArray()).containsExactly("a", "b", "c", "d");
		assertThat(traced).isEqualTo(this.batch).hasSameHashCodeAs(this.batch);
		assertThat(traced.toString()).isEqualTo(this.batch.toString());
		assertThat(TraceContext.currentTraceId()).isEqualTo(BATCH);
	}

	@Test
	void aLoopLeftEarlyKeepsItsLastIdUntilTheListenerReturns() {
		TracedList<String> traced = traced();
		for (String element : traced) {
			see(element);
			if (element.equals("b")) {
				break;
			}
		}
		// No sign of the loop's end: the last element's id stays...
		assertThat(TraceContext.currentTraceId()).isEqualTo("id-b");
		// ...until the listener method returns, when the interceptor ends every list.
		traced.exit();
		assertThat(TraceContext.currentTraceId()).isEqualTo(BATCH);
		Iterator<String> partial = traced.iterator();
		see(partial.next());
		traced.exit();
		assertThat(TraceContext.currentTraceId()).isEqualTo(BATCH);
		assertThat(this.seen).containsExactly("a=id-a", "b=id-b", "a=id-a");
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

	@Test
	void theBatchIsReadOnlyAndBoundsAreChecked() {
		TracedList<String> traced = traced();
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> traced.add("e"));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> traced.listIterator().set("e"));
		assertThatExceptionOfType(IndexOutOfBoundsException.class).isThrownBy(() -> traced.get(4));
		assertThatExceptionOfType(IndexOutOfBoundsException.class).isThrownBy(() -> traced.subList(1, 2).get(1));
		assertThat(TraceContext.currentTraceId()).isEqualTo(BATCH);
	}

}
