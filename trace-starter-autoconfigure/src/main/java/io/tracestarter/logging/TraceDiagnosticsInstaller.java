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

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Attaches the {@link TraceDiagnosticsAppender} to the root logger once the application
 * is ready, so start-up lines (which have no request and no id by design) are never
 * counted as break points, and detaches it when the context closes.
 */
final class TraceDiagnosticsInstaller implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

	private final TraceDiagnosticsAppender appender;

	private @Nullable Logger root;

	TraceDiagnosticsInstaller(TraceDiagnosticsAppender appender) {
		this.appender = appender;
	}

	@Override
	public synchronized void onApplicationEvent(ApplicationReadyEvent event) {
		if (this.root != null || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
			return;
		}
		this.appender.setContext(context);
		this.appender.start();
		this.root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		this.root.addAppender(this.appender);
	}

	@Override
	public synchronized void destroy() {
		if (this.root != null) {
			this.root.detachAppender(this.appender);
			this.appender.stop();
			this.root = null;
		}
	}

}
