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

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Puts the {@link SamplingAppender} between the root logger and the appenders it had
 * (Boot's console and file appenders), and the {@link DebugCaptureFilter} into the logger
 * context, once every bean exists and before the server takes requests; puts everything
 * back when the context closes.
 */
final class SamplingInstaller implements SmartInitializingSingleton, DisposableBean {

	private final SamplingAppender appender;

	private final @Nullable DebugCaptureFilter debugCapture;

	private @Nullable Logger root;

	SamplingInstaller(SamplingAppender appender, @Nullable DebugCaptureFilter debugCapture) {
		this.appender = appender;
		this.debugCapture = debugCapture;
	}

	@Override
	public synchronized void afterSingletonsInstantiated() {
		if (this.root != null || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
			return;
		}
		Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		List<Appender<ILoggingEvent>> wrapped = new ArrayList<>();
		for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext();) {
			Appender<ILoggingEvent> appender = it.next();
			// The diagnostics appender writes nothing and must see every line.
			if (!appender.getName().startsWith("TRACE_STARTER_")) {
				wrapped.add(appender);
			}
		}
		this.appender.setContext(context);
		this.appender.start();
		wrapped.forEach(this.appender::addAppender);
		root.addAppender(this.appender);
		wrapped.forEach(root::detachAppender);
		if (this.debugCapture != null) {
			this.debugCapture.setContext(context);
			this.debugCapture.start();
			context.addTurboFilter(this.debugCapture);
		}
		this.root = root;
	}

	@Override
	public synchronized void destroy() {
		Logger root = this.root;
		if (root == null) {
			return;
		}
		if (this.debugCapture != null) {
			root.getLoggerContext().getTurboFilterList().remove(this.debugCapture);
			this.debugCapture.stop();
		}
		List<Appender<ILoggingEvent>> wrapped = new ArrayList<>();
		this.appender.iteratorForAppenders().forEachRemaining(wrapped::add);
		wrapped.forEach(root::addAppender);
		root.detachAppender(this.appender);
		wrapped.forEach(this.appender::detachAppender);
		this.appender.stop();
		this.root = null;
	}

}
