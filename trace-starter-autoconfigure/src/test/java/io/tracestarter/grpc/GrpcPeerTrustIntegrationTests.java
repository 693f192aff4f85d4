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

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.ServerCalls;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.tracestarter.autoconfigure.TraceProperties;
import io.tracestarter.core.InboundPropagation;
import io.tracestarter.core.InboundSource;
import io.tracestarter.core.InboundTrust;
import io.tracestarter.core.InboundTrust.Policy;
import io.tracestarter.core.RequestSampling;
import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceHopRecorder;
import io.tracestarter.core.TraceIdGenerator;
import io.tracestarter.core.TraceIdResolver;
import io.tracestarter.core.TraceIdValidator;
import io.tracestarter.core.TraceMetrics;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether a gRPC peer may set the id, for each kind of peer a real server sees: a TCP
 * socket on loopback, an in-process channel, a Unix domain socket. Local peers are judged
 * as loopback: {@code none} trusts none of them, {@code trusted-proxies} trusts them only
 * while loopback is a trusted address.
 */
class GrpcPeerTrustIntegrationTests {

	private static final String SENT = "peer-id-1";

	@TempDir
	Path sockets;

	@Test
	void allTrustsEveryPeerKind() throws Exception {
		assertThat(idsSeenBy(InboundTrust.all())).containsExactly(SENT, SENT, SENT);
	}

	@Test
	void noneTrustsNoPeerKindNotEvenInProcess() throws Exception {
		assertThat(idsSeenBy(new InboundTrust(Policy.NONE, List.of()))).doesNotContain(SENT).hasSize(3);
	}

	@Test
	void defaultTrustedAddressesTrustLoopbackAndLocalPeers() throws Exception {
		assertThat(idsSeenBy(new TraceProperties().getInbound().toTrust())).containsExactly(SENT, SENT, SENT);
	}

	@Test
	void trustedAddressesWithoutLoopbackTrustNoLocalPeer() throws Exception {
		assertThat(idsSeenBy(new InboundTrust(Policy.TRUSTED_PROXIES, List.of("10.0.0.0/8")))).doesNotContain(SENT)
			.hasSize(3);
	}

	@Test
	void aPeerOfUnknownKindIsTrustedOnlyUnderAll() {
		SocketAddress unknown = new SocketAddress() {
		};
		assertThat(GrpcPeer.trusted(propagation(InboundTrust.all()), unknown)).isTrue();
		assertThat(GrpcPeer.trusted(propagation(new TraceProperties().getInbound().toTrust()), unknown)).isFalse();
		assertThat(GrpcPeer.trusted(propagation(new TraceProperties().getInbound().toTrust()), null)).isFalse();
	}

	@Test
	void aPublicTcpPeerIsNotTrustedByTheDefaults() {
		assertThat(GrpcPeer.trusted(propagation(new TraceProperties().getInbound().toTrust()),
				new InetSocketAddress("203.0.113.7", 5000)))
			.isFalse();
	}

	/**
	 * Calls a service that answers with the id it ran under, once over each kind of peer.
	 * @return the ids seen over TCP loopback, in-process and a Unix domain socket
	 */
	private List<String> idsSeenBy(InboundTrust trust) throws Exception {
		return List.of(overTcp(trust), inProcess(trust), overUnixDomainSocket(trust));
	}

	private String overTcp(InboundTrust trust) throws Exception {
		Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
			.addService(service(trust))
			.build()
			.start();
		ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
		return callAndShutDown(server, channel);
	}

	private String inProcess(InboundTrust trust) throws Exception {
		String name = UUID.randomUUID().toString();
		Server server = InProcessServerBuilder.forName(name).addService(service(trust)).build().start();
		return callAndShutDown(server, InProcessChannelBuilder.forName(name).build());
	}

	private String overUnixDomainSocket(InboundTrust trust) throws Exception {
		Assumptions.assumeTrue(Epoll.isAvailable(), "Unix domain sockets need Netty's epoll transport (Linux)");
		DomainSocketAddress address = new DomainSocketAddress(
				Files.createTempFile(this.sockets, "grpc", ".sock").toString());
		Files.delete(Path.of(address.path()));
		EventLoopGroup group = new EpollEventLoopGroup(1);
		try {
			Server server = NettyServerBuilder.forAddress(address)
				.channelType(EpollServerDomainSocketChannel.class)
				.bossEventLoopGroup(group)
				.workerEventLoopGroup(group)
				.addService(service(trust))
				.build()
				.start();
			ManagedChannel channel = NettyChannelBuilder.forAddress(address)
				.channelType(EpollDomainSocketChannel.class)
				.eventLoopGroup(group)
				.usePlaintext()
				.build();
			return callAndShutDown(server, channel);
		}
		finally {
			group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
		}
	}

	private static String callAndShutDown(Server server, ManagedChannel channel) throws InterruptedException {
		try {
			Metadata headers = new Metadata();
			headers.put(TraceServerInterceptor.TRACE_ID_KEY, SENT);
			return ClientCalls.blockingUnaryCall(
					ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers)),
					EchoGrpc.UNARY, io.grpc.CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), "which id?");
		}
		finally {
			channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
			server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
		}
	}

	private static ServerServiceDefinition service(InboundTrust trust) {
		ServerServiceDefinition answersWithItsId = ServerServiceDefinition.builder(EchoGrpc.SERVICE)
			.addMethod(EchoGrpc.UNARY, ServerCalls.asyncUnaryCall((request, response) -> {
				response.onNext(String.valueOf(TraceContext.currentTraceId()));
				response.onCompleted();
			}))
			.build();
		return ServerInterceptors.intercept(answersWithItsId,
				new TraceServerInterceptor(resolver(), TraceHopRecorder.none(), trust, RequestSampling.none()));
	}

	private static InboundPropagation propagation(InboundTrust trust) {
		return new InboundPropagation(resolver(), trust, TraceHopRecorder.none(), RequestSampling.none());
	}

	private static TraceIdResolver resolver() {
		return new TraceIdResolver(List.of(InboundSource.of("header:X-Trace-ID")), new TraceIdValidator(128),
				TraceIdGenerator.random(), new TraceMetrics());
	}

}
