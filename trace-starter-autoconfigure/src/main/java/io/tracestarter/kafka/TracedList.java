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

import java.util.AbstractList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.RandomAccess;
import java.util.function.Consumer;
import java.util.function.Function;

import io.tracestarter.core.TraceScope;
import org.jspecify.annotations.Nullable;

/**
 * The list a batch listener receives, seen through the trace ids of its records: when the
 * listener's loop moves to an element ({@code for}-each, {@code forEach},
 * {@code get(i)}), that element's id becomes current on the listener thread; when the
 * loop ends, the id is cleared. Only the thread that received the batch is touched, so a
 * parallel stream leaves its worker threads alone.
 *
 * @param <E> a {@code ConsumerRecord} or a {@code Message}
 */
final class TracedList<E> extends AbstractList<E> implements RandomAccess {

	private final List<E> delegate;

	private final Function<E, String> idOf;

	private final Thread owner = Thread.currentThread();

	private final @Nullable String[] ids;

	private @Nullable TraceScope scope;

	private int current = -1;

	TracedList(List<E> delegate, Function<E, String> idOf) {
		this.delegate = delegate;
		this.idOf = idOf;
		this.ids = new String[delegate.size()];
	}

	@Override
	public E get(int index) {
		E element = this.delegate.get(index);
		enter(index, element);
		return element;
	}

	@Override
	public int size() {
		return this.delegate.size();
	}

	@Override
	public Iterator<E> iterator() {
		return new Iterator<>() {

			private int cursor;

			@Override
			public boolean hasNext() {
				boolean hasNext = this.cursor < size();
				if (!hasNext) {
					exit();
				}
				return hasNext;
			}

			@Override
			public E next() {
				if (this.cursor >= size()) {
					throw new NoSuchElementException();
				}
				return get(this.cursor++);
			}

		};
	}

	@Override
	public void forEach(Consumer<? super E> action) {
		try {
			for (int i = 0; i < size(); i++) {
				action.accept(get(i));
			}
		}
		finally {
			exit();
		}
	}

	private void enter(int index, E element) {
		if (Thread.currentThread() != this.owner || index == this.current) {
			return;
		}
		exit();
		String traceId = this.ids[index];
		if (traceId == null) {
			traceId = this.idOf.apply(element);
			this.ids[index] = traceId;
		}
		this.scope = TraceScope.open(traceId);
		this.current = index;
	}

	/**
	 * Clear the id of the element the loop is on, if any.
	 */
	void exit() {
		if (this.scope != null && Thread.currentThread() == this.owner) {
			this.scope.close();
			this.scope = null;
			this.current = -1;
		}
	}

}
