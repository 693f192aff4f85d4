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
import java.net.UnknownHostException;
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

	private record Cidr(byte[] network, int prefixLength) {

		static Cidr parse(String value) {
			String text = value.trim();
			int slash = text.indexOf('/');
			String address = (slash >= 0) ? text.substring(0, slash) : text;
			if (address.isEmpty()
					|| !address.chars().allMatch((ch) -> Character.digit(ch, 16) >= 0 || ch == '.' || ch == ':')) {
				throw invalid(value);
			}
			try {
				// Only literals reach here, so this never does a DNS lookup.
				byte[] bytes = InetAddress.getByName(address).getAddress();
				int prefix = (slash >= 0) ? Integer.parseInt(text.substring(slash + 1)) : bytes.length * 8;
				if (prefix < 0 || prefix > bytes.length * 8) {
					throw invalid(value);
				}
				return new Cidr(bytes, prefix);
			}
			catch (UnknownHostException | NumberFormatException ex) {
				throw invalid(value);
			}
		}

		private static IllegalArgumentException invalid(String value) {
			return new IllegalArgumentException("'" + value + "' is not an IP address or CIDR block");
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
