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

import org.springframework.boot.autoconfigure.SpringBootApplication
import org.springframework.boot.runApplication

/**
 * A Kotlin WebFlux application written the way Spring's Kotlin documentation leads:
 * `suspend` handlers, `Flow` responses and a `WebClient` awaited with `awaitBody()`. It
 * holds no code for trace ids: the starter alone must put the request's id on its lines.
 */
@SpringBootApplication(proxyBeanMethods = false)
class CoroutineApplication

fun main(args: Array<String>) {
	runApplication<CoroutineApplication>(*args)
}
