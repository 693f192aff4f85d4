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
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.Spliterator;
import java.util.function.Consumer;
import java.util.function.Function;

import io.tracestarter.core.TraceScope;
import org.jspecify.annotations.Nullable;

/**
 * The list a batch listener receives, seen through the trace ids of its records. The id
 * belongs to the element being handled: when the listener's loop moves to an element,
 * that element's id becomes current on the listener thread, and when the loop ends the id
 * current before the batch (none, unless the application set one) is back.
 * <p>
 * A loop ends where the list can see it: an iterator's {@code hasNext()} returning
 * {@code false}, the end of {@code forEach} or of a stream's traversal, and the
 * {@code i < size()} check after an index loop's last element; the same for loops over a
 * {@link #subList sub-list}. A loop left early ({@code break}, a short-circuiting stream
 * operation, an iterator not run to its end, an index loop that does not check
 * {@code size()} again) gives no sign: its last element's id stays until the listener
 * method returns, when every id is cleared. A {@code size()} call in the body of an index
 * loop's last element ends that element's id early (the rest of its body carries the
 * batch's id, never another record's). Queries such as {@code contains} or
 * {@code indexOf} move no id. Only the thread that received the batch is touched, so a
 * parallel stream leaves its worker threads alone.
 *
 * @param <E> a {@code ConsumerRecord} or a {@code Message}
 */
final class TracedList<E> extends AbstractList<E> implements RandomAccess {

	private final Cursor<E> cursor;

	private final int from;

	private final int to;

	TracedList(List<E> delegate, Function<E, String> idOf) {
		this(new Cursor<>(delegate, idOf), 0, delegate.size());
	}

	private TracedList(Cursor<E> cursor, int from, int to) {
		this.cursor = cursor;
		this.from = from;
		this.to = to;
	}

	@Override
	public E get(int index) {
		Objects.checkIndex(index, this.to - this.from);
		return this.cursor.enter(this.from + index, true);
	}

	@Override
	public int size() {
		if (this.cursor.onLastByIndex(this.to)) {
			// The i < size() check that ends an index loop.
			this.cursor.exit();
		}
		return this.to - this.from;
	}

	@Override
	public Iterator<E> iterator() {
		return listIterator(0);
	}

	@Override
	public ListIterator<E> listIterator(int index) {
		Objects.checkIndex(index, this.to - this.from + 1);
		return new Cursored(this.from + index);
	}

	@Override
	public List<E> subList(int fromIndex, int toIndex) {
		Objects.checkFromToIndex(fromIndex, toIndex, this.to - this.from);
		return new TracedList<>(this.cursor, this.from + fromIndex, this.from + toIndex);
	}

	@Override
	public Spliterator<E> spliterator() {
		return new Split(this.from, this.to);
	}

	@Override
	public void forEach(Consumer<? super E> action) {
		try {
			for (int i = this.from; i < this.to; i++) {
				action.accept(this.cursor.enter(i, false));
			}
		}
		finally {
			this.cursor.exit();
		}
	}

	// Queries read the records without handling them: they move no id.

	@Override
	public boolean contains(@Nullable Object element) {
		return plain().contains(element);
	}

	@Override
	public boolean containsAll(Collection<?> elements) {
		return plain().containsAll(elements);
	}

	@Override
	public int indexOf(@Nullable Object element) {
		return plain().indexOf(element);
	}

	@Override
	public int lastIndexOf(@Nullable Object element) {
		return plain().lastIndexOf(element);
	}

	@Override
	public Object[] toArray() {
		return plain().toArray();
	}

	@Override
	public <T> T[] toArray(T[] array) {
		return plain().toArray(array);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return plain().equals(other);
	}

	@Override
	public int hashCode() {
		return plain().hashCode();
	}

	@Override
	public String toString() {
		return plain().toString();
	}

	/**
	 * Clear the id of the element the loop is on, if any, and bring back the one current
	 * before.
	 */
	void exit() {
		this.cursor.exit();
	}

	private List<E> plain() {
		return this.cursor.delegate.subList(this.from, this.to);
	}

	/**
	 * What the list and its sub-lists share: the records, their ids, and the element the
	 * listener thread is on.
	 */
	private static final class Cursor<E> {

		private final List<E> delegate;

		private final Function<E, String> idOf;

		private final Thread owner = Thread.currentThread();

		private final @Nullable String[] ids;

		private @Nullable TraceScope scope;

		private int current = -1;

		private boolean byIndex;

		Cursor(List<E> delegate, Function<E, String> idOf) {
			this.delegate = delegate;
			this.idOf = idOf;
			this.ids = new String[delegate.size()];
		}

		E enter(int index, boolean byIndex) {
			E element = this.delegate.get(index);
			if (Thread.currentThread() != this.owner) {
				return element;
			}
			this.byIndex = byIndex;
			if (index != this.current) {
				exit();
				String traceId = this.ids[index];
				if (traceId == null) {
					traceId = this.idOf.apply(element);
					this.ids[index] = traceId;
				}
				this.scope = TraceScope.open(traceId);
				this.current = index;
			}
			return element;
		}

		boolean onLastByIndex(int end) {
			return this.byIndex && this.current == end - 1 && Thread.currentThread() == this.owner;
		}

		void exit() {
			if (this.scope != null && Thread.currentThread() == this.owner) {
				this.scope.close();
				this.scope = null;
				this.current = -1;
			}
		}

	}

	/**
	 * An iterator that ends the element's id when it runs out.
	 */
	private final class Cursored implements ListIterator<E> {

		private int next;

		Cursored(int next) {
			this.next = next;
		}

		@Override
		public boolean hasNext() {
			boolean hasNext = this.next < TracedList.this.to;
			if (!hasNext) {
				TracedList.this.cursor.exit();
			}
			return hasNext;
		}

		@Override
		public E next() {
			if (this.next >= TracedList.this.to) {
				throw new NoSuchElementException();
			}
			return TracedList.this.cursor.enter(this.next++, false);
		}

		@Override
		public boolean hasPrevious() {
			return this.next > TracedList.this.from;
		}

		@Override
		public E previous() {
			if (this.next <= TracedList.this.from) {
				throw new NoSuchElementException();
			}
			return TracedList.this.cursor.enter(--this.next, false);
		}

		@Override
		public int nextIndex() {
			return this.next - TracedList.this.from;
		}

		@Override
		public int previousIndex() {
			return this.next - TracedList.this.from - 1;
		}

		@Override
		public void remove() {
			throw new UnsupportedOperationException("A batch is read-only");
		}

		@Override
		public void set(E element) {
			throw new UnsupportedOperationException("A batch is read-only");
		}

		@Override
		public void add(E element) {
			throw new UnsupportedOperationException("A batch is read-only");
		}

	}

	/**
	 * A spliterator for streams: a traversal that runs out ends the element's id.
	 */
	private final class Split implements Spliterator<E> {

		private int index;

		private final int fence;

		Split(int index, int fence) {
			this.index = index;
			this.fence = fence;
		}

		@Override
		public boolean tryAdvance(Consumer<? super E> action) {
			if (this.index < this.fence) {
				action.accept(TracedList.this.cursor.enter(this.index++, false));
				return true;
			}
			TracedList.this.cursor.exit();
			return false;
		}

		@Override
		public void forEachRemaining(Consumer<? super E> action) {
			try {
				while (this.index < this.fence) {
					action.accept(TracedList.this.cursor.enter(this.index++, false));
				}
			}
			finally {
				TracedList.this.cursor.exit();
			}
		}

		@Override
		public @Nullable Spliterator<E> trySplit() {
			int middle = (this.index + this.fence) >>> 1;
			if (middle <= this.index) {
				return null;
			}
			Split prefix = new Split(this.index, middle);
			this.index = middle;
			return prefix;
		}

		@Override
		public long estimateSize() {
			return this.fence - this.index;
		}

		@Override
		public int characteristics() {
			return ORDERED | SIZED | SUBSIZED;
		}

	}

}
