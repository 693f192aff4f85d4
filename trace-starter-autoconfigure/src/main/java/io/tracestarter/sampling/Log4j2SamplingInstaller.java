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

package io.tracestarter.sampling;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.AppenderRef;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Puts the {@link Log4j2SamplingAppender} between Log4j2's root logger configuration and
 * its appenders once every singleton exists (with the debug capture as a
 * configuration-wide filter when asked for), and puts them back when the context closes.
 * Does nothing when Log4j2 is not the engine behind the Log4j API.
 */
final class Log4j2SamplingInstaller implements SmartInitializingSingleton, DisposableBean {

	private final Log4j2SamplingAppender appender;

	private final @Nullable Log4j2DebugCaptureFilter debugCapture;

	private @Nullable LoggerContext context;

	private @Nullable LoggerConfig root;

	Log4j2SamplingInstaller(Log4j2SamplingAppender appender, @Nullable Log4j2DebugCaptureFilter debugCapture) {
		this.appender = appender;
		this.debugCapture = debugCapture;
	}

	@Override
	public synchronized void afterSingletonsInstantiated() {
		if (this.root != null || !(LogManager.getContext(false) instanceof LoggerContext loggerContext)) {
			return;
		}
		LoggerConfig rootConfig = loggerContext.getConfiguration().getRootLogger();
		for (Appender wrapped : rootConfig.getAppenders().values()) {
			// The diagnostics appender writes nothing and must see every line.
			if (!wrapped.getName().startsWith("TRACE_STARTER_")) {
				AppenderRef ref = rootConfig.getAppenderRefs()
					.stream()
					.filter((candidate) -> candidate.getRef().equals(wrapped.getName()))
					.findFirst()
					.orElse(null);
				this.appender.addAppender(wrapped, (ref != null) ? ref.getLevel() : null,
						(ref != null) ? ref.getFilter() : null);
			}
		}
		this.appender.setContext(loggerContext);
		this.appender.start();
		rootConfig.addAppender(this.appender, null, null);
		for (Log4j2SamplingAppender.Wrapped wrapped : this.appender.appenders()) {
			rootConfig.removeAppender(wrapped.appender().getName());
		}
		if (this.debugCapture != null) {
			this.debugCapture.start();
			loggerContext.getConfiguration().addFilter(this.debugCapture);
		}
		loggerContext.updateLoggers();
		this.context = loggerContext;
		this.root = rootConfig;
	}

	@Override
	public synchronized void destroy() {
		LoggerContext loggerContext = this.context;
		LoggerConfig rootConfig = this.root;
		if (loggerContext == null || rootConfig == null) {
			return;
		}
		for (Log4j2SamplingAppender.Wrapped wrapped : this.appender.appenders()) {
			rootConfig.addAppender(wrapped.appender(), wrapped.level(), wrapped.filter());
		}
		rootConfig.removeAppender(this.appender.getName());
		if (this.debugCapture != null) {
			loggerContext.getConfiguration().removeFilter(this.debugCapture);
			this.debugCapture.stop();
		}
		loggerContext.updateLoggers();
		this.appender.removeAppenders();
		this.appender.setContext(null);
		this.appender.stop();
		this.context = null;
		this.root = null;
	}

}
