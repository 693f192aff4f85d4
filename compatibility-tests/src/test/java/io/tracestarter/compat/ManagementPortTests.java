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

package io.tracestarter.compat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spring MVC on Tomcat with the actuator on its own port (a child context): every hop
 * still carries the id, and {@code /actuator/tracecontext} on the management port shows
 * the main context's counters and timelines.
 */
@TestPropertySource(properties = "management.server.port=0")
class ManagementPortTests extends EveryHopTests {

	@LocalManagementPort
	int managementPort;

	@Override
	String webServer() {
		return "TomcatWebServer";
	}

	@Override
	List<String> absentClasses() {
		return List.of("org.eclipse.jetty.server.Server");
	}

	@Test
	void theEndpointOnTheManagementPortShowsTheMainContextsFigures() {
		assertThat(this.managementPort).isNotEqualTo(this.context.getWebServer().getPort());
		RestClient management = RestClient.builder().baseUrl("http://127.0.0.1:" + this.managementPort).build();
		JsonMapper json = JsonMapper.builder().build();
		long before = json.readTree(management.get().uri("/actuator/tracecontext").retrieve().body(String.class))
			.path("layers")
			.path("http")
			.path("extracted")
			.path("header:X-Trace-ID")
			.asLong(0);
		for (int i = 0; i < 3; i++) {
			client().get()
				.uri("/hops?tag=management-{i}", i)
				.header("X-Trace-ID", "management-" + i)
				.retrieve()
				.toBodilessEntity();
		}
		// Each request and its record listener's call back over HTTP: six ids taken in.
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(
					json.readTree(management.get().uri("/actuator/tracecontext").retrieve().body(String.class))
						.path("layers")
						.path("http")
						.path("extracted")
						.path("header:X-Trace-ID")
						.asLong())
				.isEqualTo(before + 6));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			JsonNode timeline = json
				.readTree(management.get().uri("/actuator/tracecontext/management-0").retrieve().body(String.class));
			List<Map<String, String>> hops = json.convertValue(timeline.path("hops"),
					json.getTypeFactory().constructCollectionType(List.class, Map.class));
			assertThat(hops).extracting((hop) -> hop.get("layer") + " " + hop.get("event"))
				.contains("http in", "async hop", "grpc out", "grpc in", "kafka out", "kafka in", "http out");
		});
	}

}
