package io.tracestarter.grpc;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceHopRecorder;
import io.tracestarter.core.TraceIdGenerator;
import io.tracestarter.core.TraceIdResolver;
import io.tracestarter.core.TraceIdValidator;
import io.tracestarter.core.TraceMetrics;
import io.tracestarter.core.TraceScope;
import io.tracestarter.sampling.RequestSampling;
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
 * an in-process channel with direct executors, with and without them. The goal's pair
 * has a service that logs nothing; a second pair has one that writes one JSON line per
 * call (Boot's ECS format without the interceptors, the starter's with them), as the
 * services the starter is for do. In the {@code grpc} package because the interceptors'
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

	private Server plainServer;

	private Server tracedServer;

	private ManagedChannel plainChannel;

	private ManagedChannel tracedChannel;

	private ManagedChannel clientOnlyChannel;

	private ManagedChannel serverOnlyChannel;

	private final JsonLines plainLines = JsonLines.create("bench.grpc.plain", false);

	private final JsonLines tracedLines = JsonLines.create("bench.grpc.traced", true);

	private Server forwardingServer;

	private ManagedChannel forwardingChannel;

	private Server carryingServer;

	private ManagedChannel carryingChannel;

	private Server plainLoggingServer;

	private Server tracedLoggingServer;

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
				List.of(InboundSource.of("header:X-Trace-ID"), InboundSource.of("traceparent")), new TraceIdValidator(128),
				TraceIdGenerator.random(), metrics);
		this.plainServer = InProcessServerBuilder.forName("plain").directExecutor().addService(service).build().start();
		this.tracedServer = InProcessServerBuilder.forName("traced")
			.directExecutor()
			.addService(ServerInterceptors.intercept(service,
					new TraceServerInterceptor(resolver, TraceHopRecorder.none(), InboundTrust.all(),
							RequestSampling.none())))
			.build()
			.start();
		this.plainChannel = InProcessChannelBuilder.forName("plain").directExecutor().build();
		this.tracedChannel = InProcessChannelBuilder.forName("traced")
			.directExecutor()
			.intercept(new TraceClientInterceptor(metrics, TraceHopRecorder.none()))
			.build();
		// The split of the cost between the two sides.
		this.clientOnlyChannel = InProcessChannelBuilder.forName("plain")
			.directExecutor()
			.intercept(new TraceClientInterceptor(metrics, TraceHopRecorder.none()))
			.build();
		this.serverOnlyChannel = InProcessChannelBuilder.forName("traced").directExecutor().build();
		this.forwardingServer = InProcessServerBuilder.forName("forwarding")
			.directExecutor()
			.addService(ServerInterceptors.intercept(service, new ForwardingServerInterceptor(false)))
			.build()
			.start();
		this.forwardingChannel = InProcessChannelBuilder.forName("forwarding")
			.directExecutor()
			.intercept(new ForwardingClientInterceptor(false))
			.build();
		this.carryingServer = InProcessServerBuilder.forName("carrying")
			.directExecutor()
			.addService(ServerInterceptors.intercept(service, new ForwardingServerInterceptor(true)))
			.build()
			.start();
		this.carryingChannel = InProcessChannelBuilder.forName("carrying")
			.directExecutor()
			.intercept(new ForwardingClientInterceptor(true))
			.build();
		this.plainLoggingServer = InProcessServerBuilder.forName("plain-logging")
			.directExecutor()
			.addService(echo(this.plainLines.logger()))
			.build()
			.start();
		this.tracedLoggingServer = InProcessServerBuilder.forName("traced-logging")
			.directExecutor()
			.addService(ServerInterceptors.intercept(echo(this.tracedLines.logger()),
					new TraceServerInterceptor(resolver, TraceHopRecorder.none(), InboundTrust.all(),
							RequestSampling.none())))
			.build()
			.start();
		this.plainLoggingChannel = InProcessChannelBuilder.forName("plain-logging").directExecutor().build();
		this.tracedLoggingChannel = InProcessChannelBuilder.forName("traced-logging")
			.directExecutor()
			.intercept(new TraceClientInterceptor(metrics, TraceHopRecorder.none()))
			.build();
		// The caller's id, which the client interceptor sends. Not for N: its lines would
		// carry it from the MDC.
		this.scope = TraceContext.open(this.method.startsWith("without") ? null : CALLER_ID);
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
		this.forwardingChannel.shutdownNow();
		this.forwardingServer.shutdownNow();
		this.carryingChannel.shutdownNow();
		this.carryingServer.shutdownNow();
		this.plainLoggingChannel.shutdownNow();
		this.tracedLoggingChannel.shutdownNow();
		this.plainLoggingServer.shutdownNow();
		this.tracedLoggingServer.shutdownNow();
		this.plainChannel.shutdownNow();
		this.tracedChannel.shutdownNow();
		this.clientOnlyChannel.shutdownNow();
		this.serverOnlyChannel.shutdownNow();
		this.plainServer.shutdownNow();
		this.tracedServer.shutdownNow();
	}

	@Benchmark
	public String withoutInterceptors() {
		return ClientCalls.blockingUnaryCall(this.plainChannel, ECHO, CallOptions.DEFAULT, "ping");
	}

	@Benchmark
	public String withServerAndClientInterceptors() {
		return ClientCalls.blockingUnaryCall(this.tracedChannel, ECHO, CallOptions.DEFAULT, "ping");
	}

	/**
	 * The floor of any interceptor pair that wraps the call and its listener, as the
	 * starter's must to run callbacks under the id: both wrap and forward, nothing else.
	 * @return the answer
	 */
	@Benchmark
	public String withForwardingInterceptors() {
		return ClientCalls.blockingUnaryCall(this.forwardingChannel, ECHO, CallOptions.DEFAULT, "ping");
	}

	/**
	 * The floor of carrying an id both ways: the forwarding pair, plus the request header
	 * the client puts and the server reads, and the response header the server puts.
	 * @return the answer
	 */
	@Benchmark
	public String withForwardingInterceptorsCarryingAHeader() {
		return ClientCalls.blockingUnaryCall(this.carryingChannel, ECHO, CallOptions.DEFAULT, "ping");
	}

	@Benchmark
	public String withClientInterceptorOnly() {
		return ClientCalls.blockingUnaryCall(this.clientOnlyChannel, ECHO, CallOptions.DEFAULT, "ping");
	}

	@Benchmark
	public String withoutInterceptorsLoggingALine() {
		return ClientCalls.blockingUnaryCall(this.plainLoggingChannel, ECHO, CallOptions.DEFAULT, "ping");
	}

	@Benchmark
	public String withServerAndClientInterceptorsLoggingALine() {
		return ClientCalls.blockingUnaryCall(this.tracedLoggingChannel, ECHO, CallOptions.DEFAULT, "ping");
	}

	@Benchmark
	public String withServerInterceptorOnly() {
		return ClientCalls.blockingUnaryCall(this.serverOnlyChannel, ECHO, CallOptions.DEFAULT, "ping");
	}

	/** Wraps each client call and its response listener; adds the id header or nothing. */
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
