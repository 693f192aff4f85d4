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

package io.tracestarter.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample as a user runs it, with its embedded broker and its own gRPC server: every
 * hop of one request logs one line, and every line carries the request's id.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "spring.grpc.server.port=0")
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationTests {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private static final Set<String> LAYERS = Set.of("http", "reactor", "async", "grpc", "kafka");

	@LocalServerPort
	private int port;

	@Autowired
	private ConfigurableApplicationContext context;

	@Test
	void demoRunSeesEveryHopCarryAbc123(CapturedOutput output) {
		Demo.Result result = new Demo(this.context).run();
		assertThat(result.exitCode()).isZero();
		List<Map<String, Object>> hops = hopLines(output, "abc123");
		assertThat(hops).hasSize(Demo.HOPS);
		assertThat(hops.stream().map((line) -> line.get("hop")).collect(Collectors.toSet())).isEqualTo(LAYERS);
		assertThat(result.report()).contains("Every hop carried trace_id abc123.").contains("\"layer\" : \"grpc\"");
	}

	@Test
	void withoutHeaderOneGeneratedIdCrossesEveryHop(CapturedOutput output) {
		String traceId = WebClient.create("http://127.0.0.1:" + this.port)
			.get()
			.uri("/orders?item=pen")
			.retrieve()
			.toBodilessEntity()
			.block(Duration.ofSeconds(30))
			.getHeaders()
			.getFirst("X-Trace-ID");
		assertThat(traceId).matches("[0-9a-f]{32}");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(hopLines(output, traceId)).hasSize(Demo.HOPS));
		assertThat(jsonLines(output))
			.filteredOn((line) -> line.containsKey("hop") && String.valueOf(line.get("message")).contains("pen"))
			.allSatisfy((line) -> assertThat(line).containsEntry("trace_id", traceId));
	}

	static List<Map<String, Object>> hopLines(CapturedOutput output, String traceId) {
		return jsonLines(output).stream()
			.filter((line) -> line.containsKey("hop") && traceId.equals(line.get("trace_id")))
			.toList();
	}

	static List<Map<String, Object>> jsonLines(CapturedOutput output) {
		// Log lines only: the demo also prints the actuator's JSON, pretty, over several
		// lines.
		return output.getOut()
			.lines()
			.filter((line) -> line.startsWith("{\"@timestamp\""))
			.map((line) -> mapper.readValue(line, new TypeReference<Map<String, Object>>() {
			}))
			.toList();
	}

}
