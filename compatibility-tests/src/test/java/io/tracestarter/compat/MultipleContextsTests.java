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

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several application contexts in one JVM, as test context caching, two apps started side
 * by side, or a parent with children make: closing one leaves every other one's ids, hop
 * recording, counters and meters working. The process-wide parts (Reactor's hook, the
 * context-propagation registry, Logback) are shared; each context owns only its own part.
 */
@ExtendWith(OutputCaptureExtension.class)
class MultipleContextsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static EmbeddedKafkaKraftBroker broker;

	@BeforeAll
	static void startBroker() {
		broker = new EmbeddedKafkaKraftBroker(1, 1, "app-a", "app-b", "child-1", "child-2");
		broker.afterPropertiesSet();
	}

	@AfterAll
	static void stopBroker() {
		broker.destroy();
	}

	@Test
	void closingOneAppLeavesTheOtherWorking(CapturedOutput output) {
		try (ConfigurableApplicationContext a = start(new SpringApplicationBuilder(CompatibilityApplication.class),
				"app-a")) {
			try (ConfigurableApplicationContext b = start(new SpringApplicationBuilder(CompatibilityApplication.class),
					"app-b")) {
				assertRequestIsTraced(output, a, "a-1");
				assertRequestIsTraced(output, b, "b-1");
				assertThat(status(b, "/actuator/tracecontext/a-1").value()).as("b never saw a's id").isEqualTo(404);
			}
			double before = extractedHttpIds(a);
			assertRequestIsTraced(output, a, "a-2");
			// The request and its record listener's call back over HTTP.
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(extractedHttpIds(a)).isEqualTo(before + 2));
		}
	}

	@Test
	void aParentOutlivesItsChildren(CapturedOutput output) {
		try (ConfigurableApplicationContext parent = new SpringApplicationBuilder(ParentConfiguration.class)
			.web(WebApplicationType.NONE)
			.run()) {
			try (ConfigurableApplicationContext child = start(
					new SpringApplicationBuilder(CompatibilityApplication.class).parent(parent), "child-1")) {
				assertThat(child.getParent()).isSameAs(parent);
				assertRequestIsTraced(output, child, "child-1");
			}
			try (ConfigurableApplicationContext child = start(
					new SpringApplicationBuilder(CompatibilityApplication.class).parent(parent), "child-2")) {
				assertRequestIsTraced(output, child, "child-2");
			}
		}
	}

	// Reactor Netty's global resources are shared by every context in the JVM, and Boot
	// disposes of them when any context that used them closes: the others' WebClient
	// then fails. Boot's own test support turns them off for its test contexts; the same
	// here, so closing one app shows what the starter does, not what Reactor Netty does.
	private static ConfigurableApplicationContext start(SpringApplicationBuilder builder, String topic) {
		return builder.initializers((context) -> context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {

			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof ReactorResourceFactory factory) {
					factory.setUseGlobalResources(false);
				}
				return bean;
			}

		}))
			.run("--server.port=0", "--compat.topic=" + topic,
					"--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString());
	}

	/**
	 * One request with an id: every hop carries it, and the app's own timeline of the id
	 * holds the hops of every layer, Reactor's thread hop among them.
	 */
	private static void assertRequestIsTraced(CapturedOutput output, ConfigurableApplicationContext app, String id) {
		String tag = id + "-tag";
		String answer = client(app).get()
			.uri("/hops?tag={tag}", tag)
			.header("X-Trace-ID", id)
			.retrieve()
			.body(String.class);
		assertThat(answer).isEqualTo(tag);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			EveryHopTests.assertEveryHop(output.getOut(), tag, id);
			JsonNode timeline = JSON
				.readTree(client(app).get().uri("/actuator/tracecontext/{id}", id).retrieve().body(String.class));
			List<Map<String, String>> hops = JSON.convertValue(timeline.path("hops"),
					JSON.getTypeFactory().constructCollectionType(List.class, Map.class));
			assertThat(hops).extracting((hop) -> hop.get("layer") + " " + hop.get("event"))
				.contains("http in", "reactor hop", "async hop", "grpc in", "kafka in", "http out");
		});
	}

	private static double extractedHttpIds(ConfigurableApplicationContext app) {
		MeterRegistry registry = app.getBean(MeterRegistry.class);
		return registry.find("trace.ids")
			.tag("layer", "http")
			.tag("outcome", "extracted")
			.meters()
			.stream()
			.mapToDouble(MultipleContextsTests::count)
			.sum();
	}

	private static double count(Meter meter) {
		return meter.measure().iterator().next().getValue();
	}

	private static HttpStatusCode status(ConfigurableApplicationContext app, String path) {
		return client(app).get().uri(path).exchange((request, response) -> response.getStatusCode());
	}

	private static RestClient client(ConfigurableApplicationContext app) {
		return RestClient.create("http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort());
	}

	@Configuration(proxyBeanMethods = false)
	static class ParentConfiguration {

	}

}
