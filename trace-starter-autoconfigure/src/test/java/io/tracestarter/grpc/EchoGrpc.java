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

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import io.grpc.BindableService;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gRPC service built by hand (no protoc): string messages, one method of each kind,
 * plus methods that fail, throw, and never answer. Each server callback logs a line.
 */
final class EchoGrpc {

	static final Logger logger = LoggerFactory.getLogger(EchoGrpc.class);

	static final MethodDescriptor.Marshaller<String> STRING = new MethodDescriptor.Marshaller<>() {

		@Override
		public InputStream stream(String value) {
			return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
		}

		@Override
		public String parse(InputStream stream) {
			try {
				return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw Status.INTERNAL.withCause(ex).asRuntimeException();
			}
		}

	};

	static final String SERVICE = "test.Echo";

	static final MethodDescriptor<String, String> UNARY = method("Echo", MethodType.UNARY);

	static final MethodDescriptor<String, String> SERVER_STREAMING = method("Stream", MethodType.SERVER_STREAMING);

	static final MethodDescriptor<String, String> CLIENT_STREAMING = method("Collect", MethodType.CLIENT_STREAMING);

	static final MethodDescriptor<String, String> BIDI = method("Chat", MethodType.BIDI_STREAMING);

	static final MethodDescriptor<String, String> FAIL = method("Fail", MethodType.UNARY);

	static final MethodDescriptor<String, String> HANG = method("Hang", MethodType.UNARY);

	private EchoGrpc() {
	}

	private static MethodDescriptor<String, String> method(String name, MethodType type) {
		return MethodDescriptor.<String, String>newBuilder()
			.setType(type)
			.setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, name))
			.setRequestMarshaller(STRING)
			.setResponseMarshaller(STRING)
			.build();
	}

	static final class Service implements BindableService {

		@Override
		public ServerServiceDefinition bindService() {
			ServiceDescriptor descriptor = ServiceDescriptor.newBuilder(SERVICE)
				.addMethod(UNARY)
				.addMethod(SERVER_STREAMING)
				.addMethod(CLIENT_STREAMING)
				.addMethod(BIDI)
				.addMethod(FAIL)
				.addMethod(HANG)
				.build();
			return ServerServiceDefinition.builder(descriptor)
				.addMethod(UNARY, ServerCalls.asyncUnaryCall((request, response) -> {
					logger.info("server unary {}", request);
					response.onNext("echo " + request);
					response.onCompleted();
				}))
				.addMethod(SERVER_STREAMING, ServerCalls.asyncServerStreamingCall((request, response) -> {
					for (int i = 0; i < 3; i++) {
						logger.info("server streaming {}", request);
						response.onNext(request + "-" + i);
					}
					response.onCompleted();
				}))
				.addMethod(CLIENT_STREAMING, ServerCalls
					.asyncClientStreamingCall((StreamObserver<String> response) -> new StreamObserver<String>() {

						@Override
						public void onNext(String value) {
							logger.info("server collect {}", value);
						}

						@Override
						public void onError(Throwable failure) {
							logger.info("server collect error");
						}

						@Override
						public void onCompleted() {
							logger.info("server collect done");
							response.onNext("collected");
							response.onCompleted();
						}

					}))
				.addMethod(BIDI, ServerCalls
					.asyncBidiStreamingCall((StreamObserver<String> response) -> new StreamObserver<String>() {

						@Override
						public void onNext(String value) {
							logger.info("server chat {}", value);
							response.onNext("chat " + value);
						}

						@Override
						public void onError(Throwable failure) {
							logger.info("server chat error");
						}

						@Override
						public void onCompleted() {
							logger.info("server chat done");
							response.onCompleted();
						}

					}))
				.addMethod(FAIL, ServerCalls.asyncUnaryCall((request, response) -> {
					logger.info("server fail {}", request);
					if (request.equals("throw")) {
						throw new IllegalStateException("service threw");
					}
					response.onError(Status.INVALID_ARGUMENT.withDescription("bad request").asRuntimeException());
				}))
				.addMethod(HANG, ServerCalls.asyncUnaryCall((request, response) -> {
					logger.info("server hang {}", request);
					((ServerCallStreamObserver<String>) response)
						.setOnCancelHandler(() -> logger.info("server hang cancelled {}", request));
				}))
				.build();
		}

	}

}
