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

package io.tracestarter.grpc;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import io.tracestarter.core.Layer;
import io.tracestarter.core.OutboundPropagation;
import io.tracestarter.core.RecordingHops;
import io.tracestarter.core.RequestSampling;
import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceMetrics;
import io.tracestarter.core.TraceScope;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A client call sends the caller's id in its metadata and runs every callback of its
 * response listener under that id, on any thread, restoring what the thread had after.
 */
class TracedClientCallTests {

	private final TraceMetrics metrics = new TraceMetrics();

	private final RecordingHops hops = new RecordingHops();

	private final FakeCall call = new FakeCall();

	private final RecordingListener listener = new RecordingListener();

	@Test
	void startSendsTheIdInTheMetadataAndRecordsTheHop() {
		Metadata headers = new Metadata();
		traced("grpc-1").start(this.listener, headers);
		assertThat(this.call.headers).isSameAs(headers);
		assertThat(headers.get(TraceServerInterceptor.TRACE_ID_KEY)).isEqualTo("grpc-1");
		assertThat(headers.containsKey(TraceServerInterceptor.SAMPLED_KEY)).isFalse();
		assertThat(this.hops.hops()).containsExactly("grpc-1 grpc out");
		assertThat(this.metrics.count(TraceMetrics.PROPAGATED, Layer.GRPC, null)).isOne();
	}

	@Test
	void anIdTheCallerPutInTheMetadataIsLeftAlone() {
		Metadata headers = new Metadata();
		headers.put(TraceServerInterceptor.TRACE_ID_KEY, "callers");
		traced("grpc-2").start(this.listener, headers);
		assertThat(headers.getAll(TraceServerInterceptor.TRACE_ID_KEY)).containsExactly("callers");
		assertThat(this.hops.hops()).isEmpty();
	}

	@Test
	void aSampledOutTraceCarriesItsDecision() {
		RequestSampling sampling = new RequestSampling() {

			@Override
			public Request begin(String traceId, Kind kind, String name) {
				return Request.NONE;
			}

			@Override
			public boolean isSampledOut(String traceId) {
				return true;
			}

		};
		Metadata headers = new Metadata();
		new TracedClientCall<>(this.call, "grpc-3", new OutboundPropagation(this.metrics, this.hops, sampling))
			.start(this.listener, headers);
		assertThat(headers.get(TraceServerInterceptor.SAMPLED_KEY)).isEqualTo(RequestSampling.SAMPLED_OUT);
	}

	@Test
	void anIdThatBreaksTheRulesIsWithheldButTheCallStillStarts() {
		Metadata headers = new Metadata();
		traced("bad id").start(this.listener, headers);
		assertThat(headers.containsKey(TraceServerInterceptor.TRACE_ID_KEY)).isFalse();
		assertThat(this.call.listener).isNotNull();
		assertThat(this.metrics.count(TraceMetrics.WITHHELD, Layer.GRPC, null)).isOne();
	}

	@Test
	void everyCallbackRunsUnderTheCallsIdAndTheThreadIsLeftAsItWas() {
		traced("grpc-4").start(this.listener, new Metadata());
		ClientCall.Listener<String> wrapped = this.call.listener;
		assertThat(wrapped).isNotSameAs(this.listener);
		wrapped.onReady();
		wrapped.onHeaders(new Metadata());
		wrapped.onMessage("reply");
		wrapped.onClose(Status.OK, new Metadata());
		assertThat(this.listener.seen).containsExactly("ready grpc-4", "headers grpc-4", "message reply grpc-4",
				"close OK grpc-4");
		assertThat(TraceContext.currentTraceId()).isNull();
	}

	@Test
	void aCallbackOnAnotherThreadRunsUnderTheCallsId() throws InterruptedException {
		traced("grpc-5").start(this.listener, new Metadata());
		ClientCall.Listener<String> wrapped = this.call.listener;
		AtomicReference<@Nullable String> after = new AtomicReference<>("unset");
		Thread thread = new Thread(() -> {
			wrapped.onMessage("async");
			after.set(TraceContext.currentTraceId());
		});
		thread.start();
		thread.join();
		assertThat(this.listener.seen).containsExactly("message async grpc-5");
		assertThat(after.get()).isNull();
	}

	@Test
	void theIdOfTheThreadIsRestoredAfterACallback() {
		traced("grpc-6").start(this.listener, new Metadata());
		try (TraceScope other = TraceScope.open("other-1")) {
			this.call.listener.onClose(Status.CANCELLED, new Metadata());
			assertThat(TraceContext.currentTraceId()).isEqualTo("other-1");
		}
		assertThat(this.listener.seen).containsExactly("close CANCELLED grpc-6");
	}

	@Test
	void theIdIsRestoredWhenACallbackThrows() {
		this.listener.failure = new IllegalStateException("boom");
		traced("grpc-7").start(this.listener, new Metadata());
		assertThat(TraceContext.currentTraceId()).isNull();
		assertThatIllegalStateException().isThrownBy(() -> this.call.listener.onMessage("fails")).withMessage("boom");
		assertThat(TraceContext.currentTraceId()).isNull();
		assertThatIllegalStateException().isThrownBy(() -> this.call.listener.onHeaders(new Metadata()));
		assertThatIllegalStateException().isThrownBy(() -> this.call.listener.onReady());
		assertThatIllegalStateException().isThrownBy(() -> this.call.listener.onClose(Status.OK, new Metadata()));
		assertThat(TraceContext.currentTraceId()).isNull();
	}

	@Test
	void theRestOfTheCallIsForwarded() {
		TracedClientCall<String, String> traced = traced("grpc-8");
		traced.start(this.listener, new Metadata());
		traced.request(2);
		traced.sendMessage("hello");
		traced.halfClose();
		traced.cancel("stop", null);
		assertThat(this.call.calls).containsExactly("request 2", "send hello", "halfClose", "cancel stop");
	}

	private TracedClientCall<String, String> traced(String traceId) {
		return new TracedClientCall<>(this.call, traceId, new OutboundPropagation(this.metrics, this.hops));
	}

	/**
	 * The call underneath: keeps its listener and metadata and what was done to it.
	 */
	private static final class FakeCall extends ClientCall<String, String> {

		private final List<String> calls = new CopyOnWriteArrayList<>();

		private @Nullable Listener<String> listener;

		private @Nullable Metadata headers;

		@Override
		public void start(Listener<String> responseListener, Metadata headers) {
			this.listener = responseListener;
			this.headers = headers;
		}

		@Override
		public void request(int numMessages) {
			this.calls.add("request " + numMessages);
		}

		@Override
		public void cancel(@Nullable String message, @Nullable Throwable cause) {
			this.calls.add("cancel " + message);
		}

		@Override
		public void halfClose() {
			this.calls.add("halfClose");
		}

		@Override
		public void sendMessage(String message) {
			this.calls.add("send " + message);
		}

	}

	/**
	 * The application's listener: keeps each callback with the id it ran under.
	 */
	private static final class RecordingListener extends ClientCall.Listener<String> {

		private final List<String> seen = new CopyOnWriteArrayList<>();

		private @Nullable RuntimeException failure;

		@Override
		public void onHeaders(Metadata headers) {
			seen("headers");
		}

		@Override
		public void onMessage(String message) {
			seen("message " + message);
		}

		@Override
		public void onClose(Status status, Metadata trailers) {
			seen("close " + status.getCode());
		}

		@Override
		public void onReady() {
			seen("ready");
		}

		private void seen(String callback) {
			this.seen.add(callback + " " + TraceContext.currentTraceId());
			if (this.failure != null) {
				throw this.failure;
			}
		}

	}

}
