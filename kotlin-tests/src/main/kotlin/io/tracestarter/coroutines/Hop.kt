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


package io.tracestarter.coroutines

import org.slf4j.LoggerFactory

/**
 * The places a coroutine request logs from. Each line names its hop and the request's
 * number (`req`), so a test can tell whose line it is without reading the trace id.
 */
enum class Hop(val label: String) {

	HANDLER("handler"),
	AFTER_DELAY("after-delay"),
	DISPATCHERS_IO("dispatchers-io"),
	AFTER_WITH_CONTEXT("after-with-context"),
	ASYNC_DEFAULT("async-default"),
	ASYNC_INHERITED("async-inherited"),
	ECHO("echo"),
	AFTER_AWAIT_BODY("after-await-body"),
	FLOW_EMIT("flow-emit"),
	FLOW_COLLECT("flow-collect"),
	CO_WEB_FILTER("co-web-filter"),
	DETACHED("detached");

	fun log(req: String) {
		logger.atInfo().addKeyValue("hop", label).addKeyValue("req", req).log("hop {} {}", label, req)
	}

	companion object {

		private val logger = LoggerFactory.getLogger(Hop::class.java)

		/** The hops of one `/hops` request. */
		val SUSPEND_HOPS = listOf(HANDLER, AFTER_DELAY, DISPATCHERS_IO, AFTER_WITH_CONTEXT, ASYNC_DEFAULT,
				ASYNC_INHERITED, ECHO, AFTER_AWAIT_BODY)

		/** How many elements one `/flow` response has; each logs one emit and one collect line. */
		const val FLOW_ELEMENTS = 3

	}

}
