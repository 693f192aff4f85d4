package io.tracestarter.logging;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.core.env.Environment;

/**
 * Pod metadata from the Kubernetes Downward API environment variables, under
 * OpenTelemetry's semantic attribute names.
 */
final class PodMetadata {

	private static final Map<String, String> FIELDS_BY_VARIABLE = Map.of("POD_NAME", "k8s.pod.name", "POD_NAMESPACE",
			"k8s.namespace.name", "NODE_NAME", "k8s.node.name", "POD_UID", "k8s.pod.uid");

	private PodMetadata() {
	}

	static Map<String, String> from(Environment environment) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (String variable : new String[] { "POD_NAME", "POD_NAMESPACE", "NODE_NAME", "POD_UID" }) {
			String value = environment.getProperty(variable);
			if (value != null && !value.isBlank()) {
				fields.put(FIELDS_BY_VARIABLE.get(variable), value);
			}
		}
		return fields;
	}

}
