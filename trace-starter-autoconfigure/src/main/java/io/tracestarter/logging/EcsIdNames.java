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

package io.tracestarter.logging;

import java.util.function.BiConsumer;
import java.util.function.Predicate;

import io.tracestarter.core.TraceContext;

/**
 * ECS's names for the ids, given where the starter's ECS formatters write the MDC. The
 * same result as {@code logging.structured.json.rename[trace_id]=trace.id} and
 * {@code rename[spanId]=span.id}: a top-level member is renamed, the key stays flat
 * ({@code "trace.id"}), nothing nested under another name is touched. Done on the pairs
 * instead of by Boot's rename so that the line does not pay Boot's per-member path.
 */
final class EcsIdNames {

	static final String TRACE_ID = "trace.id";

	static final String SPAN_ID = "span.id";

	private EcsIdNames() {
	}

	static String rename(String name) {
		if (name.equals(TraceContext.MDC_KEY)) {
			return TRACE_ID;
		}
		return name.equals(LogEventReader.MICROMETER_SPAN_ID) ? SPAN_ID : name;
	}

	/**
	 * Boot's nested context pairs with the top-level names renamed: the nested map is
	 * built before the names reach the writer, so {@code trace.id} stays one key. In an
	 * event that holds only the tracer's id (the tracer carries the request's id alone),
	 * that id is the starter's: it is written as {@code trace.id} in place of
	 * {@code traceId}, as the span id is written as {@code span.id}.
	 */
	static <T> BiConsumer<T, BiConsumer<String, Object>> renaming(BiConsumer<T, BiConsumer<String, Object>> pairs,
			Predicate<T> holdsStartersId) {
		return (item, writer) -> {
			boolean tracersIdOnly = !holdsStartersId.test(item);
			pairs.accept(item, (name, value) -> writer.accept(
					(tracersIdOnly && name.equals(LogEventReader.MICROMETER_TRACE_ID)) ? TRACE_ID : rename(name),
					value));
		};
	}

}
