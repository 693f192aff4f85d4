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

import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow
import org.springframework.http.MediaType
import org.springframework.web.bind.annotation.GetMapping
import org.springframework.web.bind.annotation.RequestHeader
import org.springframework.web.bind.annotation.RequestParam
import org.springframework.web.bind.annotation.RestController

/** Annotated handlers: `suspend` functions and a `Flow` return value. */
@RestController
class CoroutineController(private val hops: Hops) {

	@GetMapping("/hops")
	suspend fun hops(@RequestParam req: String): String = hops.hops(req)

	/** Answers with the `X-Trace-ID` that the caller sent. */
	@GetMapping("/echo")
	suspend fun echo(@RequestParam req: String, @RequestHeader("X-Trace-ID", required = false) sent: String?): String {
		Hop.ECHO.log(req)
		return sent ?: "no X-Trace-ID"
	}

	@GetMapping("/detached")
	suspend fun detached(@RequestParam req: String): String {
		delay(1)
		hops.detached(req)
		return "started"
	}

	@GetMapping("/flow", produces = [MediaType.TEXT_PLAIN_VALUE])
	fun flow(@RequestParam req: String): Flow<String> = hops.flow(req)

}
