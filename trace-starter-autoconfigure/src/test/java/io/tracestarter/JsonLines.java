package io.tracestarter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;

/**
 * Parses what an application really wrote to stdout into one map per JSON line. A line
 * that starts like JSON but does not parse fails the test.
 */
public final class JsonLines {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private JsonLines() {
	}

	public static List<Map<String, Object>> parse(CapturedOutput output) {
		return parse(output.getOut());
	}

	public static List<Map<String, Object>> parse(String text) {
		List<Map<String, Object>> lines = new ArrayList<>();
		for (String line : text.split("\n")) {
			if (line.startsWith("{")) {
				lines.add(parseLine(line));
			}
		}
		return lines;
	}

	public static Map<String, Object> parseLine(String line) {
		try {
			return MAPPER.readValue(line, new TypeReference<Map<String, Object>>() {
			});
		}
		catch (RuntimeException ex) {
			throw new AssertionError("Not a valid JSON line: " + line, ex);
		}
	}

	/**
	 * Return the lines whose message matches, in the order written.
	 */
	public static List<Map<String, Object>> withMessage(CapturedOutput output, Predicate<String> message) {
		return parse(output).stream().filter((line) -> message.test(String.valueOf(line.get("message")))).toList();
	}

}
