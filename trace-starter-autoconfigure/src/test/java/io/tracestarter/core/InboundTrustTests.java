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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class InboundTrustTests {

	private final InboundTrust privateNetworks = new InboundTrust(InboundTrust.Policy.TRUSTED_PROXIES,
			List.of("127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"));

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "127.0.0.2", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "::1",
			"fd12:3456::1" })
	void trustsLoopbackAndPrivateNetworks(String address) throws Exception {
		assertThat(this.privateNetworks.trusts(InetAddress.getByName(address))).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "8.8.8.8", "172.32.0.1", "172.15.255.255", "192.169.0.1", "11.0.0.1", "2001:db8::1" })
	void doesNotTrustPublicAddresses(String address) throws Exception {
		assertThat(this.privateNetworks.trusts(InetAddress.getByName(address))).isFalse();
	}

	@Test
	void singleAddressesAndPolicies() throws Exception {
		InboundTrust one = new InboundTrust(InboundTrust.Policy.TRUSTED_PROXIES, List.of("127.0.0.1"));
		assertThat(one.trusts(InetAddress.getByName("127.0.0.1"))).isTrue();
		assertThat(one.trusts(InetAddress.getByName("127.0.0.2"))).isFalse();
		assertThat(one.trusts(null)).isFalse();
		assertThat(InboundTrust.all().trusts(InetAddress.getByName("8.8.8.8"))).isTrue();
		assertThat(new InboundTrust(InboundTrust.Policy.NONE, List.of("127.0.0.0/8"))
			.trusts(InetAddress.getByName("127.0.0.1"))).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "not-an-address", "10.0.0.0/33", "10.0.0.0/-1", "example.com", "::1/129", "10.0.0.0/x",
			"172.16/12", "10", "10/8", "cafe", "cafe/16", "10.0.0.0/+8", "10.0.0.0/08x" })
	void rejectsWhatIsNotAnAddressOrBlockWithoutLookingItUp(String block) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new InboundTrust(InboundTrust.Policy.TRUSTED_PROXIES, List.of(block)))
			.withMessageContaining("is not an IP address or CIDR block");
	}

}
