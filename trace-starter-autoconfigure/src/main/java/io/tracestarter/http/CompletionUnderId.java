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

import java.util.function.Supplier;

import io.tracestarter.core.TraceScope;
import io.tracestarter.core.W3cTraceContext;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Scannable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoOperator;
import reactor.util.context.Context;

/**
 * Delivers the end of a request's {@code HttpHandler} chain (its completion or error)
 * under the request's id. Spring's {@code ReactorHttpHandlerAdapter} writes its "Handling
 * completed" and "Failed to complete" lines in operators after the decorated handler,
 * outside the Reactor context that carries the id, where automatic context propagation
 * has cleared it; a context written there would not reach them, as a context flows only
 * upstream.
 */
final class CompletionUnderId implements CoreSubscriber<Void> {

	private static final String INTERNAL_PRODUCER = "reactor.core.publisher.InternalProducerAttr";

	private final CoreSubscriber<? super Void> actual;

	private final Supplier<@Nullable String> traceId;

	private final Supplier<@Nullable W3cTraceContext> w3c;

	private CompletionUnderId(CoreSubscriber<? super Void> actual, Supplier<@Nullable String> traceId,
			Supplier<@Nullable W3cTraceContext> w3c) {
		this.actual = actual;
		this.traceId = traceId;
		this.w3c = w3c;
	}

	/**
	 * Whether {@code key} is Reactor's internal-producer attribute, which its own
	 * operators answer with {@code true}. Its class is package-private in Reactor (3.8),
	 * so it is matched by name; if it changes, {@code CompletionUnderIdTests} fails.
	 */
	static boolean isInternalProducer(Scannable.Attr<?> key) {
		return INTERNAL_PRODUCER.equals(key.getClass().getName());
	}

	static Mono<Void> of(Mono<Void> handled, Supplier<@Nullable String> traceId,
			Supplier<@Nullable W3cTraceContext> w3c) {
		return new Operator(handled, traceId, w3c);
	}

	@Override
	public Context currentContext() {
		return this.actual.currentContext();
	}

	@Override
	public void onSubscribe(Subscription subscription) {
		this.actual.onSubscribe(subscription);
	}

	@Override
	public void onNext(Void value) {
		this.actual.onNext(value);
	}

	@Override
	public void onError(Throwable failure) {
		String id = this.traceId.get();
		if (id == null) {
			this.actual.onError(failure);
			return;
		}
		try (TraceScope scope = TraceScope.open(id, this.w3c.get())) {
			this.actual.onError(failure);
		}
	}

	@Override
	public void onComplete() {
		String id = this.traceId.get();
		if (id == null) {
			this.actual.onComplete();
			return;
		}
		try (TraceScope scope = TraceScope.open(id, this.w3c.get())) {
			this.actual.onComplete();
		}
	}

	/**
	 * The operator. It answers Reactor's internal-producer attribute: with automatic
	 * context propagation, an operator downstream of any other publisher wraps its
	 * subscriber to restore the downstream context's thread-locals, which would clear the
	 * id again before the signal reaches Spring's adapter.
	 */
	private static final class Operator extends MonoOperator<Void, Void> {

		private final Supplier<@Nullable String> traceId;

		private final Supplier<@Nullable W3cTraceContext> w3c;

		Operator(Mono<Void> source, Supplier<@Nullable String> traceId, Supplier<@Nullable W3cTraceContext> w3c) {
			super(source);
			this.traceId = traceId;
			this.w3c = w3c;
		}

		@Override
		public void subscribe(CoreSubscriber<? super Void> actual) {
			this.source.subscribe(new CompletionUnderId(actual, this.traceId, this.w3c));
		}

		@Override
		public @Nullable Object scanUnsafe(Attr key) {
			return isInternalProducer(key) ? Boolean.TRUE : super.scanUnsafe(key);
		}

	}

}
