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

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

import io.tracestarter.autoconfigure.TraceProperties;
import io.tracestarter.logging.LogEventReader.Failure;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.json.JsonWriter.Members;
import org.springframework.boot.logging.structured.ContextPairs;
import org.springframework.core.env.Environment;

/**
 * The members of the starter's JSON line, written once for every logging engine: the
 * engine's formatter hands its {@link LogEventReader}.
 */
final class TraceJsonMembers {

	/**
	 * The names one line has written, reused per thread: this runs for every line, and a
	 * set per line would be garbage on the hottest path.
	 */
	private static final ThreadLocal<Set<String>> WRITTEN = ThreadLocal.withInitial(HashSet::new);

	private static final String ERROR_TYPE = "error.type";

	private static final String ERROR_MESSAGE = "error.message";

	private static final String ERROR_STACK_TRACE = "error.stack_trace";

	private TraceJsonMembers() {
	}

	/**
	 * MDC entries and key-value pairs. Boot's JSON writer refuses a name written twice,
	 * which would lose the whole line: a key that names a field of the format, or that an
	 * earlier entry wrote (the MDC and a pair, a pair given twice, two long keys cut
	 * alike), is left out; the first one wins.
	 */
	private static <E> void fields(E event, LogEventReader<E> reader, FieldLimiter limiter, Set<String> formatNames,
			BiConsumer<String, Object> pair) {
		Set<String> written = WRITTEN.get();
		try {
			reader.fields(event, (key, value) -> {
				if (key != null && value != null && !LogEventReader.isTraceKey(key)) {
					Object limited = limiter.limitValue(value);
					String name = limiter.limit(key);
					if (limited != null && !formatNames.contains(name) && written.add(name)) {
						pair.accept(name, limited);
					}
				}
			});
		}
		finally {
			written.clear();
		}
	}

	static <E> void add(Environment environment, ContextPairs contextPairs, Members<E> members,
			LogEventReader<E> reader) {
		Binder binder = Binder.get(environment);
		TraceProperties.Logging logging = binder.bind("trace.logging", TraceProperties.Logging.class)
			.orElseGet(TraceProperties.Logging::new);
		boolean k8sEnabled = !Boolean.FALSE.equals(binder.bind("trace.k8s.enabled", Boolean.class).orElse(null));
		FieldLimiter limiter = new FieldLimiter(logging.getMaxFieldLength(), TruncationCounter.shared());
		String fallbackTraceId = FallbackTraceId.of(environment);
		members.add("@timestamp", reader::instant);
		members.add("level", reader::level);
		members.add("logger", reader::logger);
		members.add("thread", reader::thread);
		members.add("message", reader::message).as(limiter::limit);
		members.add(logging.getTraceIdField(), reader::traceId).whenNotNull();
		members.add("trace_id_fallback", (event) -> (reader.traceId(event) != null) ? null : fallbackTraceId)
			.whenNotNull();
		members.add(logging.getSpanIdField(), (event) -> reader.mdc(event, LogEventReader.MICROMETER_SPAN_ID))
			.whenNotNull();
		// "error" stays reserved: a value under it beside error.type would clash in
		// Elasticsearch, which maps a dotted key as an object.
		Set<String> formatNames = new HashSet<>(List.of("@timestamp", "level", "logger", "thread", "message",
				logging.getTraceIdField(), "trace_id_fallback", logging.getSpanIdField(), "error", ERROR_TYPE,
				ERROR_MESSAGE, ERROR_STACK_TRACE));
		String serviceName = environment.getProperty("spring.application.name");
		if (serviceName != null && !serviceName.isBlank()) {
			members.add("service.name", limiter.limit(serviceName));
			formatNames.add("service.name");
		}
		if (k8sEnabled) {
			PodMetadata.from(environment).forEach((name, value) -> members.add(name, limiter.limit(value)));
			formatNames.addAll(PodMetadata.from(environment).keySet());
		}
		members.add()
			.usingPairs(contextPairs.flat(".",
					(pairs) -> pairs.<Object>add((event, pair) -> fields(event, reader, limiter, formatNames, pair))));
		// Flat dotted keys, as service.name and k8s.pod.name: the documented name is the
		// JSON key. The exception is read once and written as three members of the line.
		members.from(reader::failure).whenNotNull().usingMembers((error) -> {
			error.add(ERROR_TYPE, Failure::type);
			error.add(ERROR_MESSAGE, Failure::message).whenNotNull().as(limiter::limit);
			error.add(ERROR_STACK_TRACE, Failure::stackTrace).as(limiter::limit);
		});
	}

}
