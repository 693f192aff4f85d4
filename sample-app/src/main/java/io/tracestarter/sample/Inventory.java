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

package io.tracestarter.sample;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import io.grpc.BindableService;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.stub.ServerCalls;

/**
 * The sample's gRPC service, described by hand so the sample needs no code generator: one
 * unary method with string messages.
 */
final class Inventory {

	static final MethodDescriptor.Marshaller<String> UTF8 = new MethodDescriptor.Marshaller<>() {

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

	static final MethodDescriptor<String, String> RESERVE = MethodDescriptor.<String, String>newBuilder()
		.setType(MethodDescriptor.MethodType.UNARY)
		.setFullMethodName(MethodDescriptor.generateFullMethodName("sample.Inventory", "Reserve"))
		.setRequestMarshaller(UTF8)
		.setResponseMarshaller(UTF8)
		.build();

	private Inventory() {
	}

	static final class Service implements BindableService {

		@Override
		public ServerServiceDefinition bindService() {
			return ServerServiceDefinition
				.builder(ServiceDescriptor.newBuilder("sample.Inventory").addMethod(RESERVE).build())
				.addMethod(RESERVE, ServerCalls.asyncUnaryCall((item, reply) -> {
					Hops.log("grpc", "inventory reserved {}", item);
					reply.onNext("reservation-" + item);
					reply.onCompleted();
				}))
				.build();
		}

	}

}
