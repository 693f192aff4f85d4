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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.tracestarter.benchmarks.JsonLines;
import io.tracestarter.core.InboundSource;
import io.tracestarter.core.InboundTrust;
import io.tracestarter.core.RequestSampling;
import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceHopRecorder;
import io.tracestarter.core.TraceIdGenerator;
import io.tracestarter.core.TraceIdResolver;
import io.tracestarter.core.TraceIdValidator;
import io.tracestarter.core.TraceMetrics;
import io.tracestarter.core.TraceScope;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.slf4j.Logger;

/**
 * Per-call overhead of the server and client interceptors: one blocking unary call over
 * an in-process channel with direct executors, with and without them. The goal's pair has
 * a service that logs nothing; a second pair has one that writes one JSON line per call
 * (Boot's ECS format without the interceptors, the starter's with them), as the services
 * the starter is for do. In the {@code grpc} package because the interceptors'
 * constructors are package-private.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class GrpcInterceptorsBenchmark {

	private static final MethodDescriptor.Marshaller<String> UTF8 = new MethodDescriptor.Marshaller<>() {

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

	private static final String CALLER_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final MethodDescriptor<String, String> ECHO = MethodDescriptor.<String, String>newBuilder()
		.setType(MethodDescriptor.MethodType.UNARY)
		.setFullMethodName("bench.Echo/Echo")
		.setRequestMarshaller(UTF8)
		.setResponseMarshaller(UTF8)
		.build();

	private final JsonLines plainLines = JsonLines.create("bench.grpc.plain", false);

	private final JsonLines tracedLines = JsonLines.create("bench.grpc.traced", true);

	/** Everything started, to shut down after the trial. */
	private final List<Server> servers = new ArrayList<>();

	private final List<ManagedChannel> channels = new ArrayList<>();

	private ManagedChannel plainChannel;

	private ManagedChannel tracedChannel;

	private ManagedChannel clientOnlyChannel;

	private ManagedChannel serverOnlyChannel;

	private ManagedChannel forwardingChannel;

	private ManagedChannel carryingChannel;

	private ManagedChannel plainLoggingChannel;

	private ManagedChannel tracedLoggingChannel;

	private TraceScope scope;

	private String method;

	@Setup(Level.Trial)
	public void setUp(BenchmarkParams params) throws IOException {
		this.method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
		ServerServiceDefinition service = echo(null);
		TraceMetrics metrics = new TraceMetrics();
		TraceIdResolver resolver = new TraceIdResolver(
				List.of(InboundSource.of("header:X-Trace-ID"), InboundSource.of("traceparent")),
				new TraceIdValidator(128), TraceIdGenerator.random(), metrics);
		TraceServerInterceptor serverInterceptor = new TraceServerInterceptor(resolver, TraceHopRecorder.none(),
				InboundTrust.all(), RequestSampling.none());
		TraceClientInterceptor clientInterceptor = new TraceClientInterceptor(metrics, TraceHopRecorder.none());
		start("plain", service);
		start("traced", ServerInterceptors.intercept(service, serverInterceptor));
		start("forwarding", ServerInterceptors.intercept(service, new ForwardingServerInterceptor(false)));
		start("carrying", ServerInterceptors.intercept(service, new ForwardingServerInterceptor(true)));
		start("plain-logging", echo(this.plainLines.logger()));
		start("traced-logging", ServerInterceptors.intercept(echo(this.tracedLines.logger()), serverInterceptor));
		this.plainChannel = channel("plain");
		this.tracedChannel = channel("traced", clientInterceptor);
		// The split of the cost between the two sides.
		this.clientOnlyChannel = channel("plain", clientInterceptor);
		this.serverOnlyChannel = channel("traced");
		this.forwardingChannel = channel("forwarding", new ForwardingClientInterceptor(false));
		this.carryingChannel = channel("carrying", new ForwardingClientInterceptor(true));
		this.plainLoggingChannel = channel("plain-logging");
		this.tracedLoggingChannel = channel("traced-logging", clientInterceptor);
		// The caller's id, which the client interceptor sends. Not for N: its lines would
		// carry it from the MDC.
		this.scope = TraceContext.open(this.method.startsWith("without") ? null : CALLER_ID);
	}

	private void start(String name, ServerServiceDefinition service) throws IOException {
		this.servers.add(InProcessServerBuilder.forName(name).directExecutor().addService(service).build().start());
	}

	private ManagedChannel channel(String name, ClientInterceptor... interceptors) {
		ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().intercept(interceptors).build();
		this.channels.add(channel);
		return channel;
	}

	private static ServerServiceDefinition echo(@Nullable Logger logger) {
		return ServerServiceDefinition.builder(ServiceDescriptor.newBuilder("bench.Echo").addMethod(ECHO).build())
			.addMethod(ECHO, ServerCalls.asyncUnaryCall((request, reply) -> {
				if (logger != null) {
					logger.info("Echo {}", request);
				}
				reply.onNext(request);
				reply.onCompleted();
			}))
			.build();
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		// Each method is a trial of its own: only its lines are there to check.
		if (this.method.equals("withoutInterceptorsLoggingALine")) {
			this.plainLines.verify(false);
		}
		if (this.method.equals("withServerAndClientInterceptorsLoggingALine")) {
			this.tracedLines.verify(true);
		}
		this.scope.close();
		this.channels.forEach(ManagedChannel::shutdownNow);
		this.servers.forEach(Server::shutdownNow);
	}

	@Benchmark
	public String withoutInterceptors() {
		return call(this.plainChannel);
	}

	@Benchmark
	public String withServerAndClientInterceptors() {
		return call(this.tracedChannel);
	}

	/**
	 * The floor of any interceptor pair that wraps the call and its listener, as the
	 * starter's must to run callbacks under the id: both wrap and forward, nothing else.
	 * @return the answer
	 */
	@Benchmark
	public String withForwardingInterceptors() {
		return call(this.forwardingChannel);
	}

	/**
	 * The floor of carrying an id both ways: the forwarding pair, plus the request header
	 * the client puts and the server reads, and the response header the server puts.
	 * @return the answer
	 */
	@Benchmark
	public String withForwardingInterceptorsCarryingAHeader() {
		return call(this.carryingChannel);
	}

	@Benchmark
	public String withClientInterceptorOnly() {
		return call(this.clientOnlyChannel);
	}

	@Benchmark
	public String withoutInterceptorsLoggingALine() {
		return call(this.plainLoggingChannel);
	}

	@Benchmark
	public String withServerAndClientInterceptorsLoggingALine() {
		return call(this.tracedLoggingChannel);
	}

	@Benchmark
	public String withServerInterceptorOnly() {
		return call(this.serverOnlyChannel);
	}

	private static String call(Channel channel) {
		return ClientCalls.blockingUnaryCall(channel, ECHO, CallOptions.DEFAULT, "ping");
	}

	/**
	 * Wraps each client call and its response listener; adds the id header or nothing.
	 */
	static final class ForwardingClientInterceptor implements ClientInterceptor {

		private final boolean carry;

		ForwardingClientInterceptor(boolean carry) {
			this.carry = carry;
		}

		@Override
		public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
			return new SimpleForwardingClientCall<>(next.newCall(method, options)) {

				@Override
				public void start(Listener<R> listener, Metadata headers) {
					if (ForwardingClientInterceptor.this.carry) {
						headers.put(TraceServerInterceptor.TRACE_ID_KEY, CALLER_ID);
					}
					super.start(new SimpleForwardingClientCallListener<>(listener) {
					}, headers);
				}

			};
		}

	}

	/**
	 * Wraps each server call and its listener; reads the id header and answers with it,
	 * or does nothing.
	 */
	static final class ForwardingServerInterceptor implements ServerInterceptor {

		private final boolean carry;

		ForwardingServerInterceptor(boolean carry) {
			this.carry = carry;
		}

		@Override
		public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
				ServerCallHandler<Q, R> next) {
			String id = this.carry ? headers.get(TraceServerInterceptor.TRACE_ID_KEY) : null;
			if (this.carry && id == null) {
				throw new IllegalStateException("The id header did not arrive");
			}
			ServerCall<Q, R> wrapped = new SimpleForwardingServerCall<>(call) {

				@Override
				public void sendHeaders(Metadata responseHeaders) {
					if (id != null) {
						responseHeaders.put(TraceServerInterceptor.TRACE_ID_KEY, id);
					}
					super.sendHeaders(responseHeaders);
				}

			};
			return new SimpleForwardingServerCallListener<>(next.startCall(wrapped, headers)) {
			};
		}

	}

}
