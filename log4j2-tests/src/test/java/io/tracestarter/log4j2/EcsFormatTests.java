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

package io.tracestarter.log4j2;

import java.util.Map;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Boot's {@code ecs} format on Log4j2: the id is ECS's {@code trace.id}, not the MDC
 * name.
 */
@TestPropertySource(properties = "logging.structured.format.console=ecs")
class EcsFormatTests extends BootFormatTests {

	@Override
	void assertCarriesTheId(Map<String, Object> line, String traceId) {
		assertThat(line).containsEntry("trace.id", traceId).doesNotContainKey("trace_id").containsKey("ecs");
	}

}
