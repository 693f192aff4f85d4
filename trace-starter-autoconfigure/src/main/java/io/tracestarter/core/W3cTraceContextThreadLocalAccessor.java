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

package io.tracestarter.core;

import io.micrometer.context.ThreadLocalAccessor;
import org.jspecify.annotations.Nullable;

/**
 * Lets context-propagation carry the W3C Trace Context beside the trace id (see
 * {@link TraceIdThreadLocalAccessor}); registered in the global {@code ContextRegistry}
 * while the starter takes part in W3C Trace Context ({@link W3cParticipation#use}).
 *
 * @since 0.1.0
 */
public final class W3cTraceContextThreadLocalAccessor implements ThreadLocalAccessor<W3cTraceContext> {

	@Override
	public Object key() {
		return W3cTraceContext.CONTEXT_KEY;
	}

	@Override
	public @Nullable W3cTraceContext getValue() {
		return TraceIdHolder.w3c();
	}

	@Override
	public void setValue(W3cTraceContext value) {
		TraceIdHolder.setW3c(value);
	}

	@Override
	public void setValue() {
		TraceIdHolder.setW3c(null);
	}

}
