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

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Adds the {@link Log4j2TraceDiagnosticsAppender} to Log4j2's root logger configuration
 * once the application is ready, so start-up lines (which have no request and no id by
 * design) are never counted as break points, and removes it when the context closes. Does
 * nothing when Log4j2 is not the engine behind the Log4j API.
 */
final class Log4j2TraceDiagnosticsInstaller implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

	private final Log4j2TraceDiagnosticsAppender appender;

	private @Nullable LoggerContext context;

	private @Nullable LoggerConfig root;

	Log4j2TraceDiagnosticsInstaller(Log4j2TraceDiagnosticsAppender appender) {
		this.appender = appender;
	}

	@Override
	public synchronized void onApplicationEvent(ApplicationReadyEvent event) {
		if (this.root != null || !(LogManager.getContext(false) instanceof LoggerContext loggerContext)) {
			return;
		}
		this.appender.start();
		LoggerConfig rootConfig = loggerContext.getConfiguration().getRootLogger();
		rootConfig.addAppender(this.appender, null, null);
		loggerContext.updateLoggers();
		this.context = loggerContext;
		this.root = rootConfig;
	}

	@Override
	public synchronized void destroy() {
		LoggerContext loggerContext = this.context;
		LoggerConfig rootConfig = this.root;
		if (loggerContext != null && rootConfig != null) {
			rootConfig.removeAppender(this.appender.getName());
			loggerContext.updateLoggers();
			this.appender.stop();
			this.context = null;
			this.root = null;
		}
	}

}
