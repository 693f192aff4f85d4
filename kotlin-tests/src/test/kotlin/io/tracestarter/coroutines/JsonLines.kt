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

import org.springframework.boot.test.system.CapturedOutput
import tools.jackson.core.type.TypeReference
import tools.jackson.databind.json.JsonMapper

/**
 * Parses what the application really wrote to stdout into one map per JSON line. A line
 * that starts like JSON but does not parse fails the test.
 */
object JsonLines {

	private val mapper = JsonMapper.builder().build()

	private val lineType = object : TypeReference<Map<String, Any?>>() {}

	fun parse(output: CapturedOutput): List<Map<String, Any?>> = output.out.split("\n")
		.filter { it.startsWith("{") }
		.map { line ->
			try {
				mapper.readValue(line, lineType)
			}
			catch (ex: RuntimeException) {
				throw AssertionError("Not a valid JSON line: $line", ex)
			}
		}

	/** The lines of hops, by the request number they name. */
	fun hopsByRequest(output: CapturedOutput): Map<String, List<Map<String, Any?>>> =
		parse(output).filter { it["hop"] != null }.groupBy { it["req"] as String }

}
