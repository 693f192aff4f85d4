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

package io.tracestarter.core;

import java.net.InetAddress;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Who may set the trace id: everyone, only peers in trusted networks (the proxies and
 * services inside the cluster), or no one.
 *
 * @since 0.1.0
 */
public final class InboundTrust {

	private final Policy policy;

	private final List<Cidr> trusted;

	private final boolean trustsLocal;

	/**
	 * Create a trust policy.
	 * @param policy the policy
	 * @param trustedAddresses the CIDR blocks (or single addresses) of trusted peers,
	 * used by {@link Policy#TRUSTED_PROXIES}
	 * @throws IllegalArgumentException when a block is not an IP address or CIDR block
	 */
	public InboundTrust(Policy policy, List<String> trustedAddresses) {
		this.policy = policy;
		this.trusted = trustedAddresses.stream().map(Cidr::parse).toList();
		this.trustsLocal = trusts(InetAddress.getLoopbackAddress());
	}

	/**
	 * Trust everyone.
	 * @return the policy
	 */
	public static InboundTrust all() {
		return new InboundTrust(Policy.ALL, List.of());
	}

	/**
	 * Return whether an inbound id from this peer may be used.
	 * @param peer the peer's address as the server sees it, or {@code null} when unknown
	 * @return {@code true} when the id may be used
	 */
	public boolean trusts(@Nullable InetAddress peer) {
		return switch (this.policy) {
			case ALL -> true;
			case NONE -> false;
			case TRUSTED_PROXIES -> peer != null && inTrustedNetwork(peer.getAddress());
		};
	}

	/**
	 * Return whether a peer without an IP address of its own but in this host or process
	 * (a gRPC in-process channel, a Unix domain socket) may set the id: it is judged as a
	 * loopback peer, so {@code trusted-proxies} trusts it only when the trusted addresses
	 * hold the loopback address, and {@code none} never does.
	 * @return {@code true} when the id of a local peer may be used
	 */
	public boolean trustsLocalPeer() {
		return this.trustsLocal;
	}

	// A loop over one copy of the address: getAddress() copies it on every call.
	private boolean inTrustedNetwork(byte[] address) {
		for (Cidr cidr : this.trusted) {
			if (cidr.contains(address)) {
				return true;
			}
		}
		return false;
	}

	public Policy getPolicy() {
		return this.policy;
	}

	/**
	 * Who may set the trace id.
	 */
	public enum Policy {

		/**
		 * Anyone.
		 */
		ALL,

		/**
		 * Only peers whose address is in {@code trace.inbound.trusted-addresses}.
		 */
		TRUSTED_PROXIES,

		/**
		 * No one: every request gets a new id.
		 */
		NONE

	}

	/**
	 * A trusted address that is not a full IPv4 or IPv6 CIDR block or address.
	 */
	public static final class InvalidBlockException extends IllegalArgumentException {

		private final String value;

		InvalidBlockException(String value) {
			super("'" + value + "' is not an IP address or CIDR block: expected a full IPv4 or IPv6 CIDR block "
					+ "such as 10.0.0.0/8 or fd00::/8, or a full address (short forms such as 172.16/12 are refused)");
			this.value = value;
		}

		/**
		 * Return the value as configured.
		 * @return the value
		 */
		public String getValue() {
			return this.value;
		}

	}

	private record Cidr(byte[] network, int prefixLength) {

		static Cidr parse(String value) {
			String text = value.trim();
			int slash = text.indexOf('/');
			// Only full literals: the JDK's legacy short forms read 172.16/12 as
			// 172.0.0.16,
			// and a hex-only word such as "cafe" as a host name to look up.
			InetAddress address = IpLiterals.parse((slash >= 0) ? text.substring(0, slash) : text);
			if (address == null) {
				throw new InvalidBlockException(value);
			}
			byte[] bytes = address.getAddress();
			int prefix = bytes.length * 8;
			if (slash >= 0) {
				String digits = text.substring(slash + 1);
				if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)) {
					throw new InvalidBlockException(value);
				}
				prefix = Integer.parseInt(digits);
				if (prefix > bytes.length * 8) {
					throw new InvalidBlockException(value);
				}
			}
			return new Cidr(bytes, prefix);
		}

		boolean contains(byte[] bytes) {
			if (bytes.length != this.network.length) {
				return false;
			}
			int full = this.prefixLength / 8;
			for (int i = 0; i < full; i++) {
				if (bytes[i] != this.network[i]) {
					return false;
				}
			}
			int rest = this.prefixLength % 8;
			if (rest == 0) {
				return true;
			}
			int mask = (0xFF << (8 - rest)) & 0xFF;
			return (bytes[full] & mask) == (this.network[full] & mask);
		}

	}

}
