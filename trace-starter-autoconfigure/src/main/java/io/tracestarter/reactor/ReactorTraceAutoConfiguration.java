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

package io.tracestarter.reactor;

import io.tracestarter.autoconfigure.TraceAutoConfiguration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Hooks;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Switches on Reactor's automatic context propagation, as Boot does for
 * {@code spring.reactor.context-propagation=auto}: the id the web filter writes into the
 * Reactor context is then restored as thread-local (and MDC) on every operator, scheduler
 * hop and timer, with no code in the application.
 * <p>
 * Boot's own default is {@code limited}, so the starter turns automatic mode on when the
 * property is not set. A user who set {@code limited} explicitly chose it: the starter
 * respects that choice and says once, at start-up, which lines then lose the id.
 * <p>
 * In a WebFlux application with Kotlin coroutines, the coroutines of every exchange get
 * Spring's {@code PropagationContextElement} (see {@link CoroutineContextWebFilter}).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = TraceAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = { "trace.enabled", "trace.reactor.enabled" }, matchIfMissing = true)
@ConditionalOnClass(Hooks.class)
public final class ReactorTraceAutoConfiguration {

	static final String MODE_PROPERTY = "spring.reactor.context-propagation";

	private static final Log logger = LogFactory.getLog(ReactorTraceAutoConfiguration.class);

	ReactorTraceAutoConfiguration(Environment environment) {
		String mode = environment.getProperty(MODE_PROPERTY);
		if (mode != null && "limited".equalsIgnoreCase(mode.trim())) {
			logger.warn(MODE_PROPERTY + "=limited is set, so trace-starter leaves Reactor's automatic context "
					+ "propagation off. Lines logged in Reactor operators (WebFlux handlers, publishOn, subscribeOn, "
					+ "timers, WebClient callbacks) and the hops started there (@Async, gRPC, Kafka sends) carry no "
					+ "trace_id. Remove the property, or set it to auto, to have the id on them.");
			return;
		}
		Hooks.enableAutomaticContextPropagation();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnClass(
			name = { "kotlinx.coroutines.reactor.ReactorContext", "org.springframework.web.server.CoWebFilter" })
	static class KotlinCoroutinesConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CoroutineContextWebFilter coroutineContextWebFilter() {
			return new CoroutineContextWebFilter();
		}

	}

}
