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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class InboundSourceTests {

	@Test
	void parsesTheThreeKinds() {
		assertThat(InboundSource.of("header:X-Trace-ID"))
			.isEqualTo(new InboundSource(InboundSource.Type.HEADER, "X-Trace-ID"));
		assertThat(InboundSource.of("query:trace_id"))
			.isEqualTo(new InboundSource(InboundSource.Type.QUERY, "trace_id"));
		assertThat(InboundSource.of("traceparent").type()).isEqualTo(InboundSource.Type.TRACEPARENT);
		assertThat(InboundSource.of(" Header:x-request-id ").toString()).isEqualTo("header:x-request-id");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "header", "header:", "cookie:id", "X-Trace-ID", "header:a b", "query:a=b" })
	void rejectsUnknownSourcesWithAHelpfulMessage(String value) {
		assertThatIllegalArgumentException().isThrownBy(() -> InboundSource.of(value))
			.withMessageContaining("'header:<name>', 'query:<name>' or 'traceparent'");
	}

}
