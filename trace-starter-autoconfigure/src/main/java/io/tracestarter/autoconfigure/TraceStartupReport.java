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

package io.tracestarter.autoconfigure;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.tracestarter.autoconfigure.LayerStates.LayerState;
import io.tracestarter.core.InboundSource;
import io.tracestarter.core.InboundTrust;
import io.tracestarter.core.W3cParticipation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Writes one INFO line when the application is ready: which layers are on, the inbound
 * sources in the order they are read, who may set the id, who sends W3C Trace Context,
 * and the console's log format, so that a user sees at once what the dependency did.
 */
final class TraceStartupReport implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(TraceStartupReport.class);

	static final String CONSOLE_FORMAT = "logging.structured.format.console";

	// Named, not imported: the logging layer depends on this package.
	static final String STARTER_FORMAT = "io.tracestarter.logging.TraceJsonStructuredLogFormatter";

	// The starter's copies of Boot's ecs line, which stand in for the user's "ecs".
	private static final Set<String> ECS_FORMATS = Set.of("io.tracestarter.logging.LogbackEcsStructuredLogFormatter",
			"io.tracestarter.logging.Log4j2EcsStructuredLogFormatter");

	private final TraceProperties properties;

	private final ApplicationContext context;

	TraceStartupReport(TraceProperties properties, ApplicationContext context) {
		this.properties = properties;
		this.context = context;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		// A parent context hears its children's events too: report each context once.
		if (event.getApplicationContext() != this.context || !logger.isInfoEnabled()) {
			return;
		}
		ConfigurableApplicationContext context = event.getApplicationContext();
		List<LayerState> layers = LayerStates.of(ConditionEvaluationReport.get(context.getBeanFactory()),
				context.getEnvironment());
		logger.info(describe(layers, context.getEnvironment()));
		if (logger.isDebugEnabled()) {
			layers.stream()
				.filter((layer) -> !layer.isOn())
				.forEach((layer) -> logger.debug("trace-starter layer " + layer.name() + ": " + layer.state()));
		}
	}

	String describe(List<LayerState> layers, Environment environment) {
		InboundTrust.Policy trust = this.properties.getInbound().getTrust();
		StringBuilder line = new StringBuilder("trace-starter: layers on ").append(names(layers, true))
			.append(", off ")
			.append(names(layers, false))
			.append("; inbound id sources in order ")
			.append(this.properties.getId()
				.getSources()
				.stream()
				.map(InboundSource::toString)
				.collect(Collectors.joining(", ", "[", "]")))
			.append("; trust ")
			.append(trust.name().toLowerCase(Locale.ROOT).replace('_', '-'));
		if (trust == InboundTrust.Policy.TRUSTED_PROXIES) {
			line.append(' ').append(this.properties.getInbound().getTrustedAddresses());
		}
		return line.append("; W3C Trace Context ")
			.append(w3c())
			.append("; log format ")
			.append(logFormat(environment))
			.toString();
	}

	// Asked when the application is ready: the switch has decided by then.
	private String w3c() {
		if (W3cParticipation.isEnabled()) {
			return "sent by the starter (no tracer)";
		}
		return this.properties.getW3c().isEnabled() ? "left to the tracer" : "off";
	}

	private static String names(List<LayerState> layers, boolean on) {
		return layers.stream()
			.filter((layer) -> layer.isOn() == on)
			.map(LayerState::name)
			.collect(Collectors.joining(", ", "[", "]"));
	}

	private static String logFormat(Environment environment) {
		String format = environment.getProperty(CONSOLE_FORMAT, "").trim();
		if (format.isEmpty()) {
			return "plain text (no structured console format)";
		}
		if (ECS_FORMATS.contains(format)) {
			return "ecs";
		}
		return STARTER_FORMAT.equals(format) ? "trace-starter JSON" : format;
	}

}
