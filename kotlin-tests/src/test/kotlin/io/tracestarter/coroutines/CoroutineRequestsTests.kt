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

import java.time.Duration
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.CyclicBarrier
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.delay
import kotlinx.coroutines.future.future
import kotlinx.coroutines.joinAll
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import org.assertj.core.api.Assertions.assertThat
import org.awaitility.Awaitility.await
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.ExtendWith
import org.slf4j.LoggerFactory
import org.springframework.beans.factory.annotation.Autowired
import org.springframework.boot.test.context.SpringBootTest
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment
import org.springframework.boot.test.system.CapturedOutput
import org.springframework.boot.test.system.OutputCaptureExtension
import org.springframework.boot.test.web.server.LocalServerPort
import org.springframework.http.ResponseEntity
import org.springframework.http.client.ReactorResourceFactory
import org.springframework.http.client.reactive.ReactorClientHttpConnector
import org.springframework.web.reactive.function.client.WebClient
import reactor.core.publisher.Flux
import reactor.netty.http.client.HttpClient
import reactor.netty.resources.ConnectionProvider

/**
 * What must hold for a Kotlin WebFlux application on Reactor Netty with the starter and
 * no configuration: every line of `suspend` handlers, `coRouter` routes and `Flow`
 * responses carries its own request's id under concurrent load, the awaited `WebClient`
 * call sends the id on, requests without an id get their own, and no coroutine
 * dispatcher or event-loop thread keeps an id once the requests are over. Subclasses
 * name the application's shape.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension::class)
abstract class CoroutineRequestsTests {

	/** How many lines the application's own `CoWebFilter` writes per exchange. */
	abstract val filterLinesPerExchange: Int

	@Test
	fun everyLineOfConcurrentRequestsCarriesItsOwnId(@LocalServerPort port: Int, output: CapturedOutput) {
		val responses = send(port, PER_KIND, "load")
		for (kind in KINDS) {
			for (i in 0 until PER_KIND) {
				val req = "$kind-load-$i"
				val response = responses.getValue(req)
				assertThat(response.headers.getFirst("X-Trace-ID")).`as`("response header of %s", req)
					.isEqualTo("kt-$req")
				assertThat(response.body).`as`("body of %s", req).isEqualTo(expectedBody(kind, req))
			}
		}
		await().atMost(Duration.ofSeconds(30)).untilAsserted {
			val byRequest = JsonLines.hopsByRequest(output)
			for (kind in KINDS) {
				for (i in 0 until PER_KIND) {
					assertHops(byRequest, "$kind-load-$i", "kt-$kind-load-$i", expectedHops(kind))
				}
			}
		}
		val lines = JsonLines.parse(output).filter { it["req"] != null }
		assertThat(lines).`as`("no line carries another request's id")
			.hasSize(PER_KIND * KINDS.sumOf { expectedHops(it).size })
			.allSatisfy { assertThat(it["trace_id"]).isEqualTo("kt-" + it["req"]) }
		// The lines really ran where coroutines go: the workers that Dispatchers.IO and
		// Default share, and the thread that resumes a delay() in an unconfined coroutine.
		assertThat(lines.map { threadName(it) }.toSet()).anyMatch { it.startsWith(WORKER_PREFIX) }
			.contains(DEFAULT_EXECUTOR)
	}

	@Test
	fun requestsWithoutAnIdGetTheirOwnOnEveryLineAndSendItOn(@LocalServerPort port: Int, output: CapturedOutput) {
		val client = client(port)
		for (kind in listOf("hops", "co-hops")) {
			for (i in 0 until 5) {
				val req = "$kind-fresh-$i"
				val response = client.get().uri("/${path(kind)}?req={req}", req).retrieve()
					.toEntity(String::class.java).block(Duration.ofSeconds(10))!!
				val id = response.headers.getFirst("X-Trace-ID")!!
				assertThat(id).matches("[0-9a-f]{32}")
				assertThat(response.body).`as`("X-Trace-ID the WebClient call sent").isEqualTo(id)
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted { assertHops(JsonLines.hopsByRequest(output), req, id, expectedHops(kind)) }
			}
		}
	}

	@Test
	fun coroutinesOfTheApplicationsOwnScopeCarryTheIdHandedToThem(@LocalServerPort port: Int,
			output: CapturedOutput) {
		val client = client(port)
		for (i in 0 until 5) {
			client.get().uri("/detached?req={req}", "detached-$i").header("X-Trace-ID", "kt-detached-$i")
				.retrieve().toBodilessEntity().block(Duration.ofSeconds(10))
		}
		await().atMost(Duration.ofSeconds(10)).untilAsserted {
			val byRequest = JsonLines.hopsByRequest(output)
			for (i in 0 until 5) {
				assertHops(byRequest, "detached-$i", "kt-detached-$i",
						listOf(Hop.DETACHED) + List(filterLinesPerExchange) { Hop.CO_WEB_FILTER })
			}
		}
	}

	@Test
	fun coroutineAndEventLoopThreadsKeepNoIdAfterRequests(@LocalServerPort port: Int, output: CapturedOutput,
			@Autowired resources: ReactorResourceFactory) {
		send(port, 25, "before-probe")
		val probe = "probe after requests"
		val logged = AtomicInteger()
		val probed = ConcurrentHashMap.newKeySet<String>()
		val log = {
			logger.info(probe)
			logged.incrementAndGet()
			probed.add(Thread.currentThread().name.substringBefore(" @coroutine#"))
		}
		// Rounds of blocking probes, more than there are live workers, each holding its
		// thread until the round's all run, until every live worker has run one: the
		// scheduler may start a new worker while an idle one is still parking.
		await().atMost(Duration.ofSeconds(30)).untilAsserted {
			val workers = Thread.getAllStackTraces().keys.map { it.name }.filter { it.startsWith(WORKER_PREFIX) }
			assertThat(workers).isNotEmpty()
			runBlocking {
				val parties = workers.size + 2
				val barrier = CyclicBarrier(parties)
				val io = Dispatchers.IO.limitedParallelism(parties)
				List(parties) {
					launch(io) {
						log()
						barrier.await(10, TimeUnit.SECONDS)
					}
				}.joinAll()
			}
			assertThat(probed).containsAll(workers)
		}
		runBlocking { withContext(Dispatchers.Default) { log() } }
		// Started outside runBlocking, an unconfined coroutine resumes from delay() on the
		// DefaultExecutor thread, as the requests' coroutines did; while that thread is
		// being retired after a second idle, it may resume on the caller's: then again.
		await().atMost(Duration.ofSeconds(10)).untilAsserted {
			CoroutineScope(Dispatchers.Unconfined).future {
				delay(1)
				log()
			}.get(10, TimeUnit.SECONDS)
			assertThat(probed).contains(DEFAULT_EXECUTOR)
		}
		val loops = resources.loopResources.onServer(true).map { loop -> loop.submit { log() } }
		loops.forEach { it.get(10, TimeUnit.SECONDS) }
		assertThat(loops).isNotEmpty()
		assertThat(JsonLines.parse(output).filter { it["message"] == probe }).hasSize(logged.get())
			.allSatisfy { assertThat(it).doesNotContainKey("trace_id").containsKey("trace_id_fallback") }
	}

	private fun expectedHops(kind: String): List<Hop> = if (kind.endsWith("hops")) {
		// The request itself and its WebClient call back to /echo pass the CoWebFilter.
		Hop.SUSPEND_HOPS + List(2 * filterLinesPerExchange) { Hop.CO_WEB_FILTER }
	}
	else {
		List(Hop.FLOW_ELEMENTS) { Hop.FLOW_EMIT } + List(Hop.FLOW_ELEMENTS) { Hop.FLOW_COLLECT } +
			List(filterLinesPerExchange) { Hop.CO_WEB_FILTER }
	}

	private fun expectedBody(kind: String, req: String): String = if (kind.endsWith("hops")) {
		"kt-$req"
	}
	else {
		(0 until Hop.FLOW_ELEMENTS).joinToString("") { "$req-$it\n" }
	}

	private fun send(port: Int, perKind: Int, name: String): Map<String, ResponseEntity<String>> {
		val client = client(port)
		val total = perKind * KINDS.size
		return Flux.range(0, total)
			.flatMap({ n ->
				val kind = KINDS[n % KINDS.size]
				val req = "$kind-$name-${n / KINDS.size}"
				client.get()
					.uri("/${path(kind)}?req={req}", req)
					.header("X-Trace-ID", "kt-$req")
					.retrieve()
					.toEntity(String::class.java)
					.map { req to it }
			}, total)
			.collectMap({ it.first }, { it.second })
			.block(Duration.ofSeconds(60))!!
	}

	private fun client(port: Int): WebClient {
		val connections = ConnectionProvider.builder("test-client").maxConnections(PER_KIND * KINDS.size).build()
		return WebClient.builder()
			.baseUrl("http://127.0.0.1:$port")
			.clientConnector(ReactorClientHttpConnector(HttpClient.create(connections)))
			.build()
	}

	private fun assertHops(byRequest: Map<String, List<Map<String, Any?>>>, req: String, id: String,
			expected: List<Hop>) {
		val lines = byRequest[req].orEmpty()
		assertThat(lines.map { it["hop"] }).`as`("hops of %s", req)
			.containsExactlyInAnyOrderElementsOf(expected.map { it.label })
		assertThat(lines).allSatisfy { assertThat(it).`as`("line of %s", req).containsEntry("trace_id", id) }
	}

	companion object {

		/** Requests of each kind sent at once: all four kinds, 200 requests, are in flight together. */
		const val PER_KIND = 50

		/** Annotated and functional, `suspend` and `Flow`. */
		val KINDS = listOf("hops", "co-hops", "flow", "co-flow")

		const val WORKER_PREFIX = "DefaultDispatcher-worker-"

		const val DEFAULT_EXECUTOR = "kotlinx.coroutines.DefaultExecutor"

		private val logger = LoggerFactory.getLogger("probe")

		private fun path(kind: String) = kind.replace("co-", "co/")

		// With assertions on (as under Surefire) kotlinx.coroutines runs in debug mode and
		// appends " @coroutine#N" to the name of a thread while it runs a coroutine.
		private fun threadName(line: Map<String, Any?>) = (line["thread"] as String).substringBefore(" @coroutine#")

	}

}
