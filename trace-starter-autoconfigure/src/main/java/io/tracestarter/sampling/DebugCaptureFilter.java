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

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Lets DEBUG lines below their logger's level through while the current request is
 * sampled out, so they can wait in its buffer and be written if it fails
 * ({@code trace.sampling.capture-debug-on-error}). The {@link SamplingAppender} never
 * writes such a line otherwise. Logback asks this filter about every logging call, so the
 * common answers come first and cost a field read.
 */
final class DebugCaptureFilter extends TurboFilter {

	static final String NAME = "TRACE_STARTER_DEBUG_CAPTURE";

	private final LineSampler sampler;

	DebugCaptureFilter(SampledRequests requests) {
		this.sampler = new LineSampler(requests);
		setName(NAME);
	}

	@Override
	public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
		if (level != Level.DEBUG || logger.getEffectiveLevel().levelInt <= Level.DEBUG_INT) {
			return FilterReply.NEUTRAL;
		}
		return this.sampler.capturesBelowLevel(logger.getName()) ? FilterReply.ACCEPT : FilterReply.NEUTRAL;
	}

}
