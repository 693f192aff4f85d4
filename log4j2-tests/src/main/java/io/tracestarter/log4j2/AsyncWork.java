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

package io.tracestarter.log4j2;

import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;

/**
 * The {@code @Async} hop of a request: a line on one of Spring's executor threads.
 */
@Service
public class AsyncWork {

	private static final Logger logger = LoggerFactory.getLogger(AsyncWork.class);

	/**
	 * Log the hop on an executor thread.
	 * @param tag the request's tag
	 * @return the tag, when the line is written
	 */
	@Async
	public CompletableFuture<String> hop(String tag) {
		logger.atInfo().addKeyValue("tag", tag).addKeyValue("step", "async").log("async hop");
		return CompletableFuture.completedFuture(tag);
	}

}
