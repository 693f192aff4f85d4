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

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.message.MapMessage;
import org.apache.logging.log4j.message.StringMapMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /work}: four lines of one request, through SLF4J and through the Log4j API, on
 * the request thread and an executor thread. {@code /fail}: a line with an exception.
 */
@RestController
public class WorkController {

	private static final Logger logger = LoggerFactory.getLogger(WorkController.class);

	private static final org.apache.logging.log4j.Logger log4jLogger = LogManager.getLogger("log4j.api");

	private final AsyncWork asyncWork;

	public WorkController(AsyncWork asyncWork) {
		this.asyncWork = asyncWork;
	}

	@GetMapping("/work")
	public String work(@RequestParam String tag) {
		logger.atInfo().addKeyValue("tag", tag).addKeyValue("step", "in").log("work in");
		logger.atDebug().addKeyValue("tag", tag).addKeyValue("step", "debug").log("work debug");
		log4jLogger.info(new MapMessage<>().with("tag", tag).with("step", "map").with("order", 42).with("paid", true));
		log4jLogger
			.info(new StringMapMessage().with("tag", tag).with("step", "string-map").with("message", "map line"));
		return this.asyncWork.hop(tag).join();
	}

	@GetMapping("/work/boom")
	public String boom(@RequestParam String tag) {
		work(tag);
		throw new IllegalStateException("boom " + tag);
	}

	@GetMapping("/fail")
	public String fail(@RequestParam String tag) {
		IllegalStateException failure = new IllegalStateException("payment \"declined\"\nsecond line",
				new IllegalArgumentException("card expired"));
		logger.atError().addKeyValue("tag", tag).addKeyValue("step", "fail").setCause(failure).log("work failed");
		return tag;
	}

}
