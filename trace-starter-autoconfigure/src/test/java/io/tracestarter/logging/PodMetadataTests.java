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

package io.tracestarter.logging;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Downward API variables become OpenTelemetry's {@code k8s.*} fields; blank ones are left
 * out.
 */
class PodMetadataTests {

	@Test
	void everyVariableSetBecomesItsField() {
		MockEnvironment environment = new MockEnvironment().withProperty("POD_NAME", "orders-7d9")
			.withProperty("POD_NAMESPACE", "shop")
			.withProperty("NODE_NAME", "node-1")
			.withProperty("POD_UID", "uid-1");
		assertThat(PodMetadata.from(environment)).containsExactly(entry("k8s.pod.name", "orders-7d9"),
				entry("k8s.namespace.name", "shop"), entry("k8s.node.name", "node-1"), entry("k8s.pod.uid", "uid-1"));
	}

	@Test
	void blankAndMissingVariablesAreLeftOut() {
		MockEnvironment environment = new MockEnvironment().withProperty("POD_NAME", " ");
		assertThat(PodMetadata.from(environment)).isEmpty();
	}

}
