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
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A WebFlux app whose user set {@code spring.reactor.context-propagation=limited}: the
 * starter respects it, says so once at start-up, and the lines it names as losing the id
 * do lose it; the response header still carries it.
 */
@SpringBootTest(classes = CompatibilityApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.reactor.context-propagation=limited")
@EmbeddedKafka(topics = "hops", partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@ExtendWith(OutputCaptureExtension.class)
class ReactorLimitedModeTests {

	@Autowired
	WebServerApplicationContext context;

	@Test
	void theStarterRespectsLimitedModeAndSaysWhatItCosts(CapturedOutput output) {
		List<Map<String, Object>> warnings = JsonLines.parse(output.getOut())
			.stream()
			.filter((line) -> String.valueOf(line.get("message"))
				.startsWith("spring.reactor.context-propagation=limited is set"))
			.toList();
		assertThat(warnings).singleElement().satisfies((line) -> assertThat(line).containsEntry("level", "WARN"));
		ResponseEntity<String> response = RestClient.create("http://127.0.0.1:" + this.context.getWebServer().getPort())
			.get()
			.uri("/hops?tag=limited")
			.header("X-Trace-ID", "limited-1")
			.retrieve()
			.toEntity(String.class);
		assertThat(response.getHeaders().getFirst("X-Trace-ID")).isEqualTo("limited-1");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(JsonLines.hops(output.getOut(), "limited"))
				.filteredOn((line) -> Hop.REACTOR.layer().equals(line.get("hop")))
				.singleElement()
				.satisfies((line) -> assertThat(line).doesNotContainKey("trace_id")));
	}

}
