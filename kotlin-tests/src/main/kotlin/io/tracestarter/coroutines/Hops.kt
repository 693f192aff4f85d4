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

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.flowOn
import kotlinx.coroutines.flow.onEach
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import org.springframework.core.PropagationContextElement
import org.springframework.core.env.Environment
import org.springframework.stereotype.Component
import org.springframework.web.reactive.function.client.WebClient
import org.springframework.web.reactive.function.client.awaitBody

/**
 * What a request does, served both by annotated handlers and by `coRouter` routes: it
 * hops across `delay()`, `Dispatchers.IO`, `async` children and an awaited `WebClient`
 * call back into this application, or answers with a `Flow` produced on `Dispatchers.IO`.
 */
@Component
class Hops(private val builder: WebClient.Builder, private val environment: Environment) {

	// The port is known once the server runs, after this bean is made.
	private val client by lazy {
		builder.baseUrl("http://127.0.0.1:" + environment.getRequiredProperty("local.server.port")).build()
	}

	// A scope of the application's own, outliving requests.
	private val background = CoroutineScope(SupervisorJob() + Dispatchers.Default)

	/** Returns the `X-Trace-ID` that the `WebClient` call sent, as `/echo` received it. */
	suspend fun hops(req: String): String {
		Hop.HANDLER.log(req)
		delay(2)
		Hop.AFTER_DELAY.log(req)
		withContext(Dispatchers.IO) {
			Hop.DISPATCHERS_IO.log(req)
		}
		Hop.AFTER_WITH_CONTEXT.log(req)
		coroutineScope {
			val onDefault = async(Dispatchers.Default) { Hop.ASYNC_DEFAULT.log(req) }
			val inherited = async {
				delay(1)
				Hop.ASYNC_INHERITED.log(req)
			}
			awaitAll(onDefault, inherited)
		}
		val received = client.get().uri("/echo?req={req}", req).retrieve().awaitBody<String>()
		Hop.AFTER_AWAIT_BODY.log(req)
		return received
	}

	/**
	 * Starts work that outlives the request in a scope of the application's own: such a
	 * coroutine is no child of the request's, so it carries the id only when handed
	 * Spring's `PropagationContextElement`, which captures it here.
	 */
	fun detached(req: String) {
		background.launch(PropagationContextElement()) {
			delay(2)
			Hop.DETACHED.log(req)
		}
	}

	fun flow(req: String): Flow<String> = flow {
		repeat(Hop.FLOW_ELEMENTS) { i ->
			delay(1)
			Hop.FLOW_EMIT.log(req)
			emit("$req-$i\n")
		}
	}.flowOn(Dispatchers.IO).onEach {
		delay(1)
		Hop.FLOW_COLLECT.log(req)
	}

}
