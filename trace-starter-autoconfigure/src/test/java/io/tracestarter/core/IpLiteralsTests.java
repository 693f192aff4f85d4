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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only IP literals are read, and no name is looked up: a name a client put in
 * {@code X-Forwarded-For} is no address at all.
 */
class IpLiteralsTests {

	@ParameterizedTest
	@ValueSource(strings = { "attacker.example", "cafe", "localhost", "garbage!", "1.2.3", "1.2.3.4.5", "256.1.1.1",
			"01.2.3.4", "1..2.3", "-1.2.3.4", "::g", "fe80::1%eth0%x y", "", " 127.0.0.1", "[127.0.0.1]" })
	void anythingButALiteralIsNoAddress(String text) {
		assertThat(IpLiterals.parse(text)).isNull();
	}

	@Test
	void ipv4LiteralsAreRead() throws Exception {
		assertThat(IpLiterals.parse("127.0.0.1")).isEqualTo(InetAddress.getByAddress(new byte[] { 127, 0, 0, 1 }));
		assertThat(IpLiterals.parse("10.255.0.9").getHostAddress()).isEqualTo("10.255.0.9");
	}

	@Test
	void ipv6LiteralsAreReadWithOrWithoutBracketsAndZone() {
		assertThat(IpLiterals.parse("::1").isLoopbackAddress()).isTrue();
		assertThat(IpLiterals.parse("[::1]").isLoopbackAddress()).isTrue();
		assertThat(IpLiterals.parse("fe80::1%eth0").isLinkLocalAddress()).isTrue();
		assertThat(IpLiterals.parse("::ffff:10.0.0.1")).isNotNull();
	}

	@Test
	void nullIsNoAddress() {
		assertThat(IpLiterals.parse(null)).isNull();
	}

}
