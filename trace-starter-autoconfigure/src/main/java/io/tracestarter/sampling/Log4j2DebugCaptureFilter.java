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

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.filter.AbstractFilter;
import org.apache.logging.log4j.message.Message;
import org.jspecify.annotations.Nullable;

/**
 * Log4j2's side of {@code trace.sampling.capture-debug-on-error}: a configuration-wide
 * filter that lets DEBUG lines below their logger's level through while the current
 * request is sampled out, so they can wait in its buffer and be written if it fails. The
 * {@link Log4j2SamplingAppender} never writes such a line otherwise. Log4j2 asks this
 * filter about every logging call, so the common answers come first.
 */
final class Log4j2DebugCaptureFilter extends AbstractFilter {

	private final LineSampler sampler;

	Log4j2DebugCaptureFilter(SampledRequests requests) {
		super(Result.ACCEPT, Result.NEUTRAL);
		this.sampler = new LineSampler(requests);
	}

	@Override
	public Result filter(Logger logger, Level level, @Nullable Marker marker, @Nullable String msg,
			@Nullable Object... params) {
		return decide(logger, level);
	}

	@Override
	public Result filter(Logger logger, Level level, @Nullable Marker marker, @Nullable Object msg,
			@Nullable Throwable t) {
		return decide(logger, level);
	}

	@Override
	public Result filter(Logger logger, Level level, @Nullable Marker marker, @Nullable Message msg,
			@Nullable Throwable t) {
		return decide(logger, level);
	}

	@Override
	public Result filter(LogEvent event) {
		return Result.NEUTRAL;
	}

	private Result decide(Logger logger, Level level) {
		if (level != Level.DEBUG || logger.getLevel().isLessSpecificThan(Level.DEBUG)) {
			return Result.NEUTRAL;
		}
		return this.sampler.capturesBelowLevel(logger.getName()) ? Result.ACCEPT : Result.NEUTRAL;
	}

}
