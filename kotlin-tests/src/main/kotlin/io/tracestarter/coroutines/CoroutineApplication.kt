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
import org.springframework.boot.autoconfigure.SpringBootApplication
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty
import org.springframework.boot.runApplication
import org.springframework.context.annotation.Bean
import org.springframework.http.MediaType
import org.springframework.web.reactive.function.server.bodyAndAwait
import org.springframework.web.reactive.function.server.bodyValueAndAwait
import org.springframework.web.reactive.function.server.coRouter
import org.springframework.web.server.CoWebFilter
import org.springframework.web.server.CoWebFilterChain
import org.springframework.web.server.ServerWebExchange

/**
 * A Kotlin WebFlux application written the way Spring's Kotlin documentation leads:
 * `suspend` handlers, `Flow` responses, `coRouter` routes and a `WebClient` awaited with
 * `awaitBody()`. It holds no code for trace ids: the starter alone must put the request's
 * id on its lines.
 */
@SpringBootApplication(proxyBeanMethods = false)
class CoroutineApplication {

	/** The same request paths as functional routes under `/co`. */
	@Bean
	fun routes(hops: Hops) = coRouter {
		GET("/co/hops") { request -> ok().bodyValueAndAwait(hops.hops(request.queryParam("req").orElseThrow())) }
		GET("/co/flow") { request ->
			ok().contentType(MediaType.TEXT_PLAIN).bodyAndAwait(hops.flow(request.queryParam("req").orElseThrow()))
		}
	}

	/** A user's own coroutine filter (say, an authentication look-up), when switched on. */
	@Bean
	@ConditionalOnBooleanProperty("coroutines.co-web-filter")
	fun suspendingFilter() = SuspendingFilter()

}

/** Suspends, logs, and passes the exchange on: a `CoWebFilter` as users write them. */
class SuspendingFilter : CoWebFilter() {

	override suspend fun filter(exchange: ServerWebExchange, chain: CoWebFilterChain) {
		val req = exchange.request.queryParams.getFirst("req")
		if (req != null) {
			delay(1)
			Hop.CO_WEB_FILTER.log(req)
		}
		chain.filter(exchange)
	}

}

fun main(args: Array<String>) {
	runApplication<CoroutineApplication>(*args)
}
