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

import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Ids that application code hands in follow the inbound rules: an invalid one is refused
 * with a message that names the rule, never the value.
 */
class ApplicationIdsTests {

	@ParameterizedTest
	@ValueSource(strings = { "bad\r\nX-Injected: 1", "caf\u00e9", "has space", "", "quote\"d" })
	void openRunAndCallRefuseAnIdThatBreaksTheRules(String id) {
		Callable<String> task = () -> "ran";
		assertThatIllegalArgumentException().isThrownBy(() -> TraceContext.open(id))
			.withMessageStartingWith("Trace id not accepted (")
			.withMessageContaining("the value given has " + id.length() + " characters")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("\r", "\n", "Injected", "caf", "space"));
		assertThatIllegalArgumentException().isThrownBy(() -> TraceContext.run(id, () -> {
		}));
		assertThatIllegalArgumentException().isThrownBy(() -> TraceContext.call(id, task));
		assertThat(TraceContext.currentTraceId()).isNull();
	}

	@Test
	void anIdLongerThanTheConfiguredLimitIsRefused() {
		try {
			ApplicationIds.use(new TraceIdValidator(16));
			assertThatIllegalArgumentException().isThrownBy(() -> TraceContext.open("a".repeat(17)))
				.withMessageContaining("(too_long)")
				.withMessageContaining("1 to 16");
			try (TraceScope scope = TraceContext.open("a".repeat(16))) {
				assertThat(TraceContext.currentTraceId()).hasSize(16);
			}
		}
		finally {
			ApplicationIds.use(new TraceIdValidator(ApplicationIds.DEFAULT_MAX_LENGTH));
		}
	}

	@Test
	void validIdsAndNoIdAreAccepted() throws Exception {
		try (TraceScope scope = TraceContext.open("order-42:retry_1.b")) {
			assertThat(TraceContext.currentTraceId()).isEqualTo("order-42:retry_1.b");
			try (TraceScope none = TraceContext.open(null)) {
				assertThat(TraceContext.currentTraceId()).isNull();
			}
		}
		assertThat(TraceContext.call("a".repeat(128), TraceContext::currentTraceId)).hasSize(128);
	}

}
