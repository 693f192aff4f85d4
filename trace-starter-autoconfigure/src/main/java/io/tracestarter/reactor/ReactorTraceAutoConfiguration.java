package io.tracestarter.reactor;

import io.tracestarter.autoconfigure.TraceAutoConfiguration;
import reactor.core.publisher.Hooks;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;

/**
 * Switches on Reactor's automatic context propagation, as Boot does for
 * {@code spring.reactor.context-propagation=auto}: the id the web filter writes into the
 * Reactor context is then restored as thread-local (and MDC) on every operator,
 * scheduler hop and timer, with no code in the application.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = TraceAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = { "trace.enabled", "trace.reactor.enabled" }, matchIfMissing = true)
@ConditionalOnClass(Hooks.class)
public final class ReactorTraceAutoConfiguration {

	ReactorTraceAutoConfiguration() {
		Hooks.enableAutomaticContextPropagation();
	}

}
