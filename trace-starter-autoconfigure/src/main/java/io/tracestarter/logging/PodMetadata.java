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
