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

import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/**
 * Looks at every Log4j2 event after the application is ready and hands it to
 * {@link TraceDiagnostics}. Writes nothing.
 */
final class Log4j2TraceDiagnosticsAppender extends AbstractAppender {

	private final Log4j2EventReader reader = new Log4j2EventReader(null);

	private final TraceDiagnostics diagnostics;

	Log4j2TraceDiagnosticsAppender(TraceDiagnostics diagnostics) {
		super(TraceDiagnosticsAppender.NAME, null, null, true, Property.EMPTY_ARRAY);
		this.diagnostics = diagnostics;
	}

	@Override
	public void append(LogEvent event) {
		this.diagnostics.seen(this.reader, event);
	}

}
