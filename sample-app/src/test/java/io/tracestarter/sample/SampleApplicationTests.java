package io.tracestarter.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample as a user runs it: every line of one request, on every hop, carries the id.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationTests {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Test
	void everyHopOfTheRequestLogsTheId(CapturedOutput output) {
		var response = WebClient.create("http://127.0.0.1:" + this.port).get().uri("/hops")
			.header("X-Trace-ID", "abc123").retrieve().toEntity(String.class).block(Duration.ofSeconds(10));
		assertThat(response.getHeaders().getFirst("X-Trace-ID")).isEqualTo("abc123");
		await().untilAsserted(() -> {
			List<Map<String, Object>> hops = jsonLines(output).stream()
				.filter((line) -> HopController.class.getName().equals(line.get("logger")))
				.toList();
			assertThat(hops).hasSize(7).allSatisfy((line) -> assertThat(line).containsEntry("trace_id", "abc123"));
			assertThat(hops).anySatisfy((line) -> assertThat(line.get("message"))
				.isEqualTo("downstream received X-Trace-ID abc123"));
		});
	}

	private static List<Map<String, Object>> jsonLines(CapturedOutput output) {
		return output.getOut().lines().filter((line) -> line.startsWith("{"))
			.map((line) -> mapper.readValue(line, new TypeReference<Map<String, Object>>() {
			}))
			.toList();
	}

}
