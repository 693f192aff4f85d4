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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Says once, at start-up, that log sampling was asked for but is off: it stands between
 * the root logger and its appenders of Logback or Log4j2, and the application logs
 * through another engine ({@code java.util.logging}). Every line is written.
 */
final class SamplingOffNotice implements SmartInitializingSingleton {

	static final String MESSAGE = "Log sampling is off although trace.sampling.enabled=true: it works on Logback"
			+ " and Log4j2, and neither is on the classpath; every line is written";

	private static final Logger logger = LoggerFactory.getLogger(SamplingOffNotice.class);

	@Override
	public void afterSingletonsInstantiated() {
		logger.info(MESSAGE);
	}

}
