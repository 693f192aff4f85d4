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

import io.netty.channel.EventLoopGroup
import java.time.Duration
import java.util.concurrent.CyclicBarrier
import java.util.concurrent.TimeUnit
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.delay
import kotlinx.coroutines.joinAll
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import org.assertj.core.api.Assertions.assertThat
import org.awaitility.Awaitility.await
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.ExtendWith
import org.slf4j.LoggerFactory
import org.springframework.boot.test.context.SpringBootTest
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment
import org.springframework.boot.test.system.CapturedOutput
import org.springframework.boot.test.system.OutputCaptureExtension
import org.springframework.boot.test.web.server.LocalServerPort
import org.springframework.http.ResponseEntity
import org.springframework.http.client.reactive.ReactorClientHttpConnector
import org.springframework.web.reactive.function.client.WebClient
import reactor.core.publisher.Flux
import reactor.netty.http.HttpResources
import reactor.netty.http.client.HttpClient
import reactor.netty.resources.ConnectionProvider

/**
 * A Kotlin WebFlux application on Reactor Netty with the starter and no configuration:
 * every line of `suspend` handlers and `Flow` responses carries its request's id, under
 * 200 concurrent requests of each kind, the awaited `WebClient` call sends the id on, and
 * no coroutine dispatcher thread keeps an id once the requests are over.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension::class)
class CoroutineTraceIntegrationTests {

	@Test
	fun everyLineOfConcurrentRequestsCarriesItsOwnId(@LocalServerPort port: Int, output: CapturedOutput) {
		val responses = send(port, REQUESTS, "load")
		for (i in 0 until REQUESTS) {
			val hops = responses.getValue("hops-load-$i")
			assertThat(hops.headers.getFirst("X-Trace-ID")).isEqualTo("kt-hops-load-$i")
			assertThat(hops.body).`as`("X-Trace-ID the WebClient call sent").isEqualTo("kt-hops-load-$i")
			val flow = responses.getValue("flow-load-$i")
			assertThat(flow.headers.getFirst("X-Trace-ID")).isEqualTo("kt-flow-load-$i")
			assertThat(flow.body).isEqualTo((0 until Hop.FLOW_ELEMENTS).joinToString("") { "flow-load-$i-$it\n" })
		}
		await().atMost(Duration.ofSeconds(30)).untilAsserted {
			val byRequest = JsonLines.hopsByRequest(output)
			for (i in 0 until REQUESTS) {
				assertHops(byRequest, "hops-load-$i", "kt-hops-load-$i", Hop.SUSPEND_HOPS)
				assertHops(byRequest, "flow-load-$i", "kt-flow-load-$i", FLOW_HOPS)
			}
		}
		val lines = JsonLines.parse(output)
		assertThat(lines.filter { it["req"] != null }).`as`("no line carries another request's id")
			.hasSize(REQUESTS * (Hop.SUSPEND_HOPS.size + FLOW_HOPS.size))
			.allSatisfy { assertThat(it["trace_id"]).isEqualTo("kt-" + it["req"]) }
		// The lines really ran where coroutines hop to: the scheduler shared by
		// Dispatchers.IO and Default, and the thread that resumes an unconfined delay().
		val threads = lines.filter { it["req"] != null }.map { it["thread"] as String }.toSet()
		assertThat(threads).anyMatch { it.startsWith(WORKER_PREFIX) }.contains(DEFAULT_EXECUTOR)
	}

	@Test
	fun requestsWithoutAnIdGetTheirOwnOnEveryLineAndSendItOn(@LocalServerPort port: Int, output: CapturedOutput) {
		val client = client(port)
		for (i in 0 until 10) {
			val req = "fresh-$i"
			val response = client.get().uri("/hops?req={req}", req).retrieve().toEntity(String::class.java)
				.block(Duration.ofSeconds(10))!!
			val id = response.headers.getFirst("X-Trace-ID")
			assertThat(id).matches("[0-9a-f]{32}")
			assertThat(response.body).isEqualTo(id)
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted { assertHops(JsonLines.hopsByRequest(output), req, id!!, Hop.SUSPEND_HOPS) }
		}
	}

	@Test
	fun coroutineAndEventLoopThreadsKeepNoIdAfterRequests(@LocalServerPort port: Int, output: CapturedOutput) {
		send(port, 50, "before-probe")
		val probe = "probe after requests"
		val workers = liveThreads().filter { it.startsWith(WORKER_PREFIX) }.toSet()
		assertThat(workers).isNotEmpty()
		runBlocking {
			// As many blocking probes as there are workers, each holding its thread until
			// all run: Dispatchers.IO then has to run one on every live worker.
			val parties = workers.size + 2
			val barrier = CyclicBarrier(parties)
			val io = Dispatchers.IO.limitedParallelism(parties)
			List(parties) {
				launch(io) {
					logger.info(probe)
					barrier.await(10, TimeUnit.SECONDS)
				}
			}.joinAll()
			withContext(Dispatchers.Default) { logger.info(probe) }
			withContext(Dispatchers.Unconfined) {
				delay(1)
				logger.info(probe)
			}
		}
		val eventLoops: EventLoopGroup = HttpResources.get().onServer(true)
		val loops = eventLoops.map { loop -> loop.submit { logger.info(probe) } }
		loops.forEach { it.get(10, TimeUnit.SECONDS) }
		val lines = JsonLines.parse(output).filter { it["message"] == probe }
		assertThat(lines).hasSize(workers.size + 2 + 2 + loops.size)
			.allSatisfy { assertThat(it).doesNotContainKey("trace_id").containsKey("trace_id_fallback") }
		assertThat(lines.map { it["thread"] as String }.toSet()).containsAll(workers).contains(DEFAULT_EXECUTOR)
	}

	private fun send(port: Int, count: Int, name: String): Map<String, ResponseEntity<String>> {
		val client = client(port)
		val paths = listOf("hops", "flow")
		return Flux.range(0, count * paths.size)
			.flatMap({ n ->
				val req = "${paths[n % paths.size]}-$name-${n / paths.size}"
				client.get()
					.uri("/${paths[n % paths.size]}?req={req}", req)
					.header("X-Trace-ID", "kt-$req")
					.retrieve()
					.toEntity(String::class.java)
					.map { req to it }
			}, count * paths.size)
			.collectMap({ it.first }, { it.second })
			.block(Duration.ofSeconds(60))!!
	}

	private fun client(port: Int): WebClient {
		val connections = ConnectionProvider.builder("test-client").maxConnections(2 * REQUESTS).build()
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

	private fun liveThreads(): List<String> = Thread.getAllStackTraces().keys.map { it.name }

	companion object {

		const val REQUESTS = 200

		const val WORKER_PREFIX = "DefaultDispatcher-worker-"

		const val DEFAULT_EXECUTOR = "kotlinx.coroutines.DefaultExecutor"

		val FLOW_HOPS = List(Hop.FLOW_ELEMENTS) { Hop.FLOW_EMIT } + List(Hop.FLOW_ELEMENTS) { Hop.FLOW_COLLECT }

		private val logger = LoggerFactory.getLogger("probe")

	}

}
