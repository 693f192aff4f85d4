package io.tracestarter.core;

import io.micrometer.context.ThreadLocalAccessor;
import org.jspecify.annotations.Nullable;

/**
 * Lets context-propagation carry the trace id: Reactor's automatic context propagation
 * and Spring's {@code ContextPropagatingTaskDecorator} restore it on every thread hop.
 * Registered through {@code META-INF/services}, so the global {@code ContextRegistry}
 * knows it without any code.
 *
 * @since 0.1.0
 */
public final class TraceIdThreadLocalAccessor implements ThreadLocalAccessor<String> {

	@Override
	public Object key() {
		return TraceContext.CONTEXT_KEY;
	}

	@Override
	public @Nullable String getValue() {
		return TraceIdHolder.get();
	}

	@Override
	public void setValue(String value) {
		TraceIdHolder.set(value);
	}

	@Override
	public void setValue() {
		TraceIdHolder.set(null);
	}

}
