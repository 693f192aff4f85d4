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

package io.tracestarter.http;

import java.util.function.Function;

import io.tracestarter.core.TraceScope;
import io.tracestarter.core.W3cTraceContext;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoOperator;
import reactor.util.context.Context;

/**
 * Writes the request's ids into the Reactor context of the chain upstream, as
 * {@code contextWrite} does, but without the thread-local restoring that automatic
 * context propagation adds to every {@code contextWrite}: that operator sets the
 * thread-locals of every value in the context (Micrometer's observation among them, which
 * opens a scope each time) when it is subscribed, and again around every signal it passes
 * downstream, clearing those the downstream context lacks. Here only the starter's own
 * values are set, while the chain is subscribed; signals pass as through any Reactor
 * operator, under what the operators upstream restored for them. Reactor's own operators
 * upstream still restore the id on every thread hop, as they read it from this context.
 *
 * @param <T> the type of the value
 */
final class IdsInContext<T> extends MonoOperator<T, T> {

	private final Function<Context, Context> write;

	private final @Nullable String traceId;

	private final @Nullable W3cTraceContext w3c;

	private IdsInContext(Mono<T> source, Function<Context, Context> write, @Nullable String traceId,
			@Nullable W3cTraceContext w3c) {
		super(source);
		this.write = write;
		this.traceId = traceId;
		this.w3c = w3c;
	}

	/**
	 * Subscribe {@code source} with the context {@code write} makes, and with
	 * {@code traceId} current on the thread while it is subscribed ({@code null}: with no
	 * id of the starter's).
	 */
	static <T> Mono<T> of(Mono<T> source, Function<Context, Context> write, @Nullable String traceId,
			@Nullable W3cTraceContext w3c) {
		return new IdsInContext<>(source, write, traceId, w3c);
	}

	@Override
	public void subscribe(CoreSubscriber<? super T> actual) {
		Context context = this.write.apply(actual.currentContext());
		try (TraceScope scope = TraceScope.open(this.traceId, this.w3c)) {
			this.source.subscribe(new ContextSubscriber<>(actual, context));
		}
	}

	// Answered as Reactor's own operators do, or a downstream operator would wrap its
	// subscriber to restore thread-locals, which this operator is here to avoid.
	@Override
	public @Nullable Object scanUnsafe(Attr key) {
		return CompletionUnderId.isInternalProducer(key) ? Boolean.TRUE : super.scanUnsafe(key);
	}

	private static final class ContextSubscriber<T> implements CoreSubscriber<T> {

		private final CoreSubscriber<? super T> actual;

		private final Context context;

		ContextSubscriber(CoreSubscriber<? super T> actual, Context context) {
			this.actual = actual;
			this.context = context;
		}

		@Override
		public Context currentContext() {
			return this.context;
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			this.actual.onSubscribe(subscription);
		}

		@Override
		public void onNext(T value) {
			this.actual.onNext(value);
		}

		@Override
		public void onError(Throwable failure) {
			this.actual.onError(failure);
		}

		@Override
		public void onComplete() {
			this.actual.onComplete();
		}

	}

}
