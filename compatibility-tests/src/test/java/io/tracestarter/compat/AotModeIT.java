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

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Boot's AOT mode on the JVM: the build ran {@code spring-boot:process-aot} on the
 * application, and this test (run by Failsafe with {@code -Dspring.aot.enabled=true})
 * starts it from the generated initializer, as {@code java -Dspring.aot.enabled=true}
 * would. Every hop carries the id.
 */
@ExtendWith(OutputCaptureExtension.class)
class AotModeIT {

	private static EmbeddedKafkaKraftBroker broker;

	@BeforeAll
	static void startBroker() {
		broker = new EmbeddedKafkaKraftBroker(1, 1, "hops");
		broker.afterPropertiesSet();
	}

	@AfterAll
	static void stopBroker() {
		broker.destroy();
	}

	@Test
	void theAotProcessedAppStartsAndEveryHopCarriesTheId(CapturedOutput output) throws Exception {
		assertThat(AotDetector.useGeneratedArtifacts()).as("run with -Dspring.aot.enabled=true").isTrue();
		Class.forName(CompatibilityApplication.class.getName() + "__ApplicationContextInitializer");
		SpringApplication application = new SpringApplication(CompatibilityApplication.class);
		// The generated initializer is looked up by the main class, which here is the
		// test
		// runner's unless set.
		application.setMainApplicationClass(CompatibilityApplication.class);
		try (ConfigurableApplicationContext app = application.run("--server.port=0",
				"--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString())) {
			RestClient client = RestClient
				.create("http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort());
			for (int i = 0; i < 5; i++) {
				String id = "aot-id-" + i;
				String tag = "aot-tag-" + i;
				ResponseEntity<String> response = client.get()
					.uri("/hops?tag={tag}", tag)
					.header("X-Trace-ID", id)
					.retrieve()
					.toEntity(String.class);
				assertThat(response.getHeaders().getFirst("X-Trace-ID")).isEqualTo(id);
				await().atMost(Duration.ofSeconds(30))
					.untilAsserted(() -> EveryHopTests.assertEveryHop(output.getOut(), tag, id));
			}
		}
	}

}
