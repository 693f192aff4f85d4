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

package io.tracestarter.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A trusted address in a short or unknown form stops start-up with the property and the
 * value named; it is never read as something else.
 */
class TrustedAddressesBindingTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TraceAutoConfiguration.class));

	@Test
	void aShortFormStopsStartUpNamingThePropertyAndValue() {
		this.runner.withPropertyValues("trace.inbound.trusted-addresses=10.0.0.0/8,172.16/12")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("Failed to bind properties under 'trace.inbound'")
				.hasStackTraceContaining(
						"trace.inbound.trusted-addresses: '172.16/12' is not an IP address or CIDR block")
				.rootCause()
				.hasMessageContaining("'172.16/12' is not an IP address or CIDR block")
				.hasMessageContaining("10.0.0.0/8"));
	}

	@Test
	void fullBlocksAndAddressesStart() {
		this.runner.withPropertyValues("trace.inbound.trusted-addresses=10.0.0.0/8,fd00::/8,192.0.2.1")
			.run((context) -> assertThat(context).hasNotFailed());
	}

}
