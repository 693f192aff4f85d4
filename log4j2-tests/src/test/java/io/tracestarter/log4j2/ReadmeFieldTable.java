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

package io.tracestarter.log4j2;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The field table of README's "JSON logs" section, read from README itself, so a test
 * that checks a real line against it fails when the table and the format drift apart.
 */
final class ReadmeFieldTable {

	private static final Path README = Path.of("..", "README.md");

	private static final Pattern NAME = Pattern.compile("`([^`]+)`");

	private final Set<String> keys;

	private final List<String> otherRows;

	private ReadmeFieldTable(Set<String> keys, List<String> otherRows) {
		this.keys = keys;
		this.otherRows = otherRows;
	}

	/**
	 * Return the keys the table names: every backticked name in the first cell of a row
	 * whose first cell starts with one.
	 */
	Set<String> keys() {
		return this.keys;
	}

	/**
	 * Return the first cells of the rows that name no key (the application's own fields).
	 */
	List<String> otherRows() {
		return this.otherRows;
	}

	static ReadmeFieldTable read() throws IOException {
		List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
		int row = 0;
		while (row < lines.size() && !lines.get(row).startsWith("### JSON logs")) {
			row++;
		}
		while (row < lines.size() && !lines.get(row).startsWith("| field |")) {
			row++;
		}
		if (row >= lines.size()) {
			throw new IllegalStateException("No field table under \"### JSON logs\" in " + README.toAbsolutePath());
		}
		Set<String> keys = new LinkedHashSet<>();
		List<String> otherRows = new ArrayList<>();
		// Skip the header and the separator row; the table ends at the first other line.
		for (row += 2; row < lines.size() && lines.get(row).startsWith("|"); row++) {
			String firstCell = lines.get(row).split("\\|")[1].trim();
			if (!firstCell.startsWith("`")) {
				otherRows.add(firstCell);
				continue;
			}
			Matcher name = NAME.matcher(firstCell);
			while (name.find()) {
				keys.add(name.group(1));
			}
		}
		return new ReadmeFieldTable(keys, otherRows);
	}

}
