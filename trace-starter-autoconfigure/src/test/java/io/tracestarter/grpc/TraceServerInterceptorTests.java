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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.tracestarter.core.InboundSource;
import io.tracestarter.core.InboundTrust;
import io.tracestarter.core.RequestSampling;
import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceHopRecorder;
import io.tracestarter.core.TraceIdGenerator;
import io.tracestarter.core.TraceIdResolver;
import io.tracestarter.core.TraceIdValidator;
import io.tracestarter.core.TraceMetrics;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each callback of a call runs under the call's id on whatever thread gRPC picks, and
 * leaves that thread as it found it.
 */
@ExtendWith(OutputCaptureExtension.class)
class TraceServerInterceptorTests {

	private final TraceServerInterceptor interceptor = new TraceServerInterceptor(
			new TraceIdResolver(List.of(InboundSource.of("header:X-Trace-ID")), new TraceIdValidator(128),
					TraceIdGenerator.random(), new TraceMetrics()),
			TraceHopRecorder.none(), InboundTrust.all(), RequestSampling.none());

	@Test
	void everyCallbackSeesTheIdAndNoThreadKeepsIt() throws Exception {
		List<String> seen = new ArrayList<>();
		Metadata headers = new Metadata();
		headers.put(TraceServerInterceptor.TRACE_ID_KEY, "call-1");
		ServerCall.Listener<String> listener = this.interceptor.interceptCall(new NoopCall(), headers, (call, h) -> {
			seen.add("start " + TraceContext.currentTraceId());
			return new ServerCall.Listener<>() {

				@Override
				public void onMessage(String message) {
					seen.add("message " + TraceContext.currentTraceId());
				}

				@Override
				public void onHalfClose() {
					seen.add("halfClose " + TraceContext.currentTraceId());
					throw new IllegalStateException("service threw");
				}

				@Override
				public void onCancel() {
					seen.add("cancel " + TraceContext.currentTraceId());
				}

				@Override
				public void onComplete() {
					seen.add("complete " + TraceContext.currentTraceId());
				}

				@Override
				public void onReady() {
					seen.add("ready " + TraceContext.currentTraceId());
				}

			};
		});
		CompletableFuture.runAsync(() -> listener.onMessage("m")).get(5, TimeUnit.SECONDS);
		CompletableFuture.runAsync(listener::onReady).get(5, TimeUnit.SECONDS);
		try {
			listener.onHalfClose();
		}
		catch (IllegalStateException expected) {
			seen.add("threw, then " + TraceContext.currentTraceId());
		}
		listener.onCancel();
		listener.onComplete();
		assertThat(seen).containsExactly("start call-1", "message call-1", "ready call-1", "halfClose call-1",
				"threw, then null", "cancel call-1", "complete call-1");
		assertThat(TraceContext.currentTraceId()).isNull();
		assertThat(CompletableFuture.supplyAsync(TraceContext::currentTraceId).get(5, TimeUnit.SECONDS)).isNull();
	}

	@Test
	void theEndOfAFailedOrCancelledCallIsADebugLine(CapturedOutput output) {
		Logger logger = (Logger) LoggerFactory.getLogger(TraceServerInterceptor.class);
		Level level = logger.getLevel();
		try {
			logger.setLevel(Level.INFO);
			failAndCancel("call-info");
			assertThat(output.getAll()).doesNotContain("gRPC call test.Echo/Echo");
			logger.setLevel(Level.DEBUG);
			failAndCancel("call-debug");
			assertThat(output.getAll().lines().filter((line) -> line.contains("gRPC call test.Echo/Echo"))).hasSize(2)
				.allSatisfy((line) -> assertThat(line).contains("DEBUG"));
		}
		finally {
			logger.setLevel(level);
		}
	}

	private void failAndCancel(String traceId) {
		Metadata headers = new Metadata();
		headers.put(TraceServerInterceptor.TRACE_ID_KEY, traceId);
		NoopCall call = new NoopCall();
		ServerCall.Listener<String> listener = this.interceptor.interceptCall(call, headers, (started, h) -> {
			started.close(Status.INVALID_ARGUMENT, new Metadata());
			return new ServerCall.Listener<>() {
			};
		});
		listener.onCancel();
	}

	private static final class NoopCall extends ServerCall<String, String> {

		@Override
		public void request(int numMessages) {
		}

		@Override
		public void sendHeaders(Metadata headers) {
		}

		@Override
		public void sendMessage(String message) {
		}

		@Override
		public void close(Status status, Metadata trailers) {
		}

		@Override
		public boolean isCancelled() {
			return false;
		}

		@Override
		public Attributes getAttributes() {
			return Attributes.EMPTY;
		}

		@Override
		public io.grpc.MethodDescriptor<String, String> getMethodDescriptor() {
			return EchoGrpc.UNARY;
		}

		@Override
		public @Nullable String getAuthority() {
			return null;
		}

	}

}
