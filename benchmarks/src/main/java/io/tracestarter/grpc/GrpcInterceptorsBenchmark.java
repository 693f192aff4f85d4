package io.tracestarter.grpc;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
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
		this.scope = TraceContext.open(this.method.startsWith("without") ? null : "4bf92f3577b34da6a3ce929d0e0e4736");
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

}
