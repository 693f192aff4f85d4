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

/**
 * Per-call overhead of the server and client interceptors: one blocking unary call over
 * an in-process channel with direct executors, with and without them. In the
 * {@code grpc} package because the interceptors' constructors are package-private.
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

	private TraceScope scope;

	@Setup(Level.Trial)
	public void setUp() throws IOException {
		ServerServiceDefinition service = ServerServiceDefinition
			.builder(ServiceDescriptor.newBuilder("bench.Echo").addMethod(ECHO).build())
			.addMethod(ECHO, ServerCalls.asyncUnaryCall((request, reply) -> {
				reply.onNext(request);
				reply.onCompleted();
			}))
			.build();
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
		this.scope = TraceContext.open("4bf92f3577b34da6a3ce929d0e0e4736");
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.scope.close();
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
	public String withServerInterceptorOnly() {
		return ClientCalls.blockingUnaryCall(this.serverOnlyChannel, ECHO, CallOptions.DEFAULT, "ping");
	}

}
