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
import java.net.UnixDomainSocketAddress;
import java.util.Set;

import io.tracestarter.core.InboundPropagation;
import org.jspecify.annotations.Nullable;

/**
 * The rule for whether a gRPC peer may set the id, by the kind of its address: an IP
 * socket is judged by its address; an in-process channel or a Unix domain socket (a peer
 * in this process or on this host, such as a mesh sidecar) is judged as a loopback
 * address; any other kind, or none, is unknown and trusted only under {@code all}.
 */
final class GrpcPeer {

	// By name: the classes live in optional modules (grpc-inprocess, Netty's native
	// transports, shaded or not) that an application may lack.
	private static final Set<String> LOCAL_ADDRESS_CLASSES = Set.of("io.grpc.inprocess.InProcessSocketAddress",
			"io.grpc.inprocess.AnonymousInProcessSocketAddress", "io.netty.channel.unix.DomainSocketAddress",
			"io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress");

	private GrpcPeer() {
	}

	static boolean trusted(InboundPropagation inbound, @Nullable SocketAddress remote) {
		if (remote instanceof InetSocketAddress inet) {
			return inbound.trusts(inet.getAddress());
		}
		if (isLocal(remote)) {
			return inbound.trustsLocalPeer();
		}
		return inbound.trusts(null);
	}

	static boolean isLocal(@Nullable SocketAddress remote) {
		return remote instanceof UnixDomainSocketAddress
				|| (remote != null && LOCAL_ADDRESS_CLASSES.contains(remote.getClass().getName()));
	}

}
