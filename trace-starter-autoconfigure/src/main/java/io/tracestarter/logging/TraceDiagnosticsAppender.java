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

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;

/**
 * Looks at every Logback event after the application is ready and hands it to
 * {@link TraceDiagnostics}. Writes nothing.
 */
final class TraceDiagnosticsAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

	static final String NAME = "TRACE_STARTER_DIAGNOSTICS";

	private final LogbackEventReader reader = new LogbackEventReader(null);

	private final TraceDiagnostics diagnostics;

	TraceDiagnosticsAppender(TraceDiagnostics diagnostics) {
		this.diagnostics = diagnostics;
		setName(NAME);
	}

	@Override
	protected void append(ILoggingEvent event) {
		this.diagnostics.seen(this.reader, event);
	}

}
