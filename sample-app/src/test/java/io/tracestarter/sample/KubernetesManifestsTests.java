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

package io.tracestarter.sample;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tracestarter.autoconfigure.TraceProperties;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifests in {@code k8s/} parse, carry what the README promises, and name only
 * properties the starter really has.
 */
class KubernetesManifestsTests {

	private static final Path K8S = Path.of("k8s");

	@SuppressWarnings("unchecked")
	private static Map<String, Object> load(String file) throws IOException {
		try (InputStream in = Files.newInputStream(K8S.resolve(file))) {
			return new Yaml().load(in);
		}
	}

	@SuppressWarnings("unchecked")
	private static <T> T at(Object node, String... path) {
		Object current = node;
		for (String key : path) {
			current = (current instanceof Map<?, ?> map) ? map.get(key)
					: ((List<Object>) current).get(Integer.parseInt(key));
		}
		return (T) current;
	}

	@Test
	@SuppressWarnings("unchecked")
	void deploymentWiresTheDownwardApiProbesAndFallbackId() throws IOException {
		Map<String, Object> deployment = load("deployment.yaml");
		assertThat((String) at(deployment, "kind")).isEqualTo("Deployment");
		Map<String, Object> container = at(deployment, "spec", "template", "spec", "containers", "0");
		List<Map<String, Object>> env = (List<Map<String, Object>>) container.get("env");
		Map<String, String> fieldPaths = new java.util.HashMap<>();
		env.stream()
			.filter((variable) -> variable.containsKey("valueFrom"))
			.forEach((variable) -> fieldPaths.put((String) variable.get("name"),
					at(variable, "valueFrom", "fieldRef", "fieldPath")));
		assertThat(fieldPaths).containsEntry("POD_NAME", "metadata.name")
			.containsEntry("POD_NAMESPACE", "metadata.namespace")
			.containsEntry("NODE_NAME", "spec.nodeName")
			.containsEntry("POD_UID", "metadata.uid");
		assertThat((String) at(container, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
		assertThat((String) at(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
		assertThat((String) at(deployment, "spec", "template", "spec", "initContainers", "0", "command", "2"))
			.contains("/trace/TRACE_ID");
		assertThat(String.join(" ", (List<String>) container.get("command"))).contains("TRACE_ID=");
		Map<String, Object> selector = at(deployment, "spec", "selector", "matchLabels");
		assertThat((Map<String, Object>) at(deployment, "spec", "template", "metadata", "labels"))
			.containsAllEntriesOf(selector);
	}

	@Test
	void serviceSelectsTheDeploymentsPods() throws IOException {
		Map<String, Object> service = load("service.yaml");
		Map<String, Object> deployment = load("deployment.yaml");
		assertThat((Map<String, Object>) at(service, "spec", "selector"))
			.isEqualTo(at(deployment, "spec", "selector", "matchLabels"));
		assertThat((List<?>) at(service, "spec", "ports")).hasSize(2);
	}

	@Test
	void everyTraceKeyInTheConfigMapIsARealProperty() throws IOException {
		Map<String, Object> configMap = load("configmap.yaml");
		Map<String, Object> application = new Yaml().load((String) at(configMap, "data", "application.yml"));
		Map<String, Object> flat = new LinkedHashMap<>();
		flatten("", application, flat);
		// A list's items are checked by binding below; the metadata names the list.
		List<String> traceKeys = flat.keySet()
			.stream()
			.filter((key) -> key.startsWith("trace."))
			.map((key) -> (key.indexOf('[') > 0) ? key.substring(0, key.indexOf('[')) : key)
			.distinct()
			.toList();
		assertThat(traceKeys).hasSizeGreaterThan(10);
		assertThat(knownTraceProperties()).containsAll(traceKeys);
		// Every key, list items included, binds to the starter's properties: none is left
		// over.
		TraceProperties properties = new Binder(new MapConfigurationPropertySource(flat))
			.bind("trace", Bindable.of(TraceProperties.class), new NoUnboundElementsBindHandler(BindHandler.DEFAULT))
			.get();
		assertThat(properties.getSampling().getRules()).singleElement()
			.satisfies((rule) -> assertThat(rule.getRoute()).isEqualTo("/actuator/health/**"));
	}

	private static void flatten(String prefix, Object value, Map<String, Object> flat) {
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, nested) -> flatten(prefix.isEmpty() ? (String) key : prefix + "." + key, nested, flat));
		}
		else if (value instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				flatten(prefix + "[" + i + "]", list.get(i), flat);
			}
		}
		else {
			flat.put(prefix, value);
		}
	}

	private static Set<String> knownTraceProperties() throws IOException {
		Set<String> names = new HashSet<>();
		JsonMapper mapper = JsonMapper.builder().build();
		for (URL url : Collections.list(KubernetesManifestsTests.class.getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream in = url.openStream()) {
				for (JsonNode property : mapper.readTree(in).path("properties")) {
					String name = property.path("name").asString();
					if (name.startsWith("trace.")) {
						names.add(name);
					}
				}
			}
		}
		return names;
	}

}
