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
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import io.tracestarter.autoconfigure.TraceProperties;
import io.tracestarter.core.TraceContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.event.KeyValuePair;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.json.JsonWriter.Members;
import org.springframework.boot.logging.StackTracePrinter;
import org.springframework.boot.logging.structured.ContextPairs;
import org.springframework.boot.logging.structured.JsonWriterStructuredLogFormatter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;
import org.springframework.core.env.Environment;

/**
 * The starter's JSON line format for Logback, used through Spring Boot's structured
 * logging ({@code logging.structured.format.console}). One object per line with top-level
 * {@code trace_id} and {@code span_id}, MDC entries and SLF4J key-value pairs as fields,
 * every value cut to {@code trace.logging.max-field-length} with a marker. Boot's
 * {@code logging.structured.json.*} settings (include, exclude, rename, add) apply to it
 * as to Boot's own formats.
 *
 * @since 0.1.0
 */
public class TraceJsonStructuredLogFormatter extends JsonWriterStructuredLogFormatter<ILoggingEvent> {

	/** MDC key under which Micrometer Tracing puts the span's trace id. */
	static final String MICROMETER_TRACE_ID = "traceId";

	/** MDC key under which Micrometer Tracing puts the span id. */
	static final String MICROMETER_SPAN_ID = "spanId";

	public TraceJsonStructuredLogFormatter(Environment environment, @Nullable StackTracePrinter stackTracePrinter,
			ContextPairs contextPairs, StructuredLoggingJsonMembersCustomizer.Builder<?> customizerBuilder) {
		super((members) -> jsonMembers(environment, stackTracePrinter, contextPairs, members),
				customizerBuilder.build());
	}

	private static void jsonMembers(Environment environment, @Nullable StackTracePrinter stackTracePrinter,
			ContextPairs contextPairs, Members<ILoggingEvent> members) {
		Binder binder = Binder.get(environment);
		TraceProperties.Logging logging = binder.bind("trace.logging", TraceProperties.Logging.class)
			.orElseGet(TraceProperties.Logging::new);
		boolean k8sEnabled = !Boolean.FALSE.equals(binder.bind("trace.k8s.enabled", Boolean.class).orElse(null));
		FieldLimiter limiter = new FieldLimiter(logging.getMaxFieldLength(), TruncationCounter.shared());
		String fallbackTraceId = FallbackTraceId.of(environment);
		members.add("@timestamp", ILoggingEvent::getInstant);
		members.add("level", ILoggingEvent::getLevel);
		members.add("logger", ILoggingEvent::getLoggerName);
		members.add("thread", ILoggingEvent::getThreadName);
		members.add("message", ILoggingEvent::getFormattedMessage).as(limiter::limit);
		members.add(logging.getTraceIdField(), TraceJsonStructuredLogFormatter::traceId).whenNotNull();
		members.add("trace_id_fallback", (event) -> (traceId(event) != null) ? null : fallbackTraceId).whenNotNull();
		members.add(logging.getSpanIdField(), (event) -> mdc(event, MICROMETER_SPAN_ID)).whenNotNull();
		Set<String> formatNames = new HashSet<>(List.of("@timestamp", "level", "logger", "thread", "message",
				logging.getTraceIdField(), "trace_id_fallback", logging.getSpanIdField(), "error"));
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
					(pairs) -> pairs.<Object>add((event, pair) -> contextPairs(event, pair, limiter, formatNames))));
		members.add("error", ILoggingEvent::getThrowableProxy).whenNotNull().usingMembers((error) -> {
			error.add("type", IThrowableProxy::getClassName);
			error.add("message", IThrowableProxy::getMessage).whenNotNull().as(limiter::limit);
			error.add("stack_trace", (proxy) -> stackTrace(proxy, stackTracePrinter)).as(limiter::limit);
		});
	}

	private static @Nullable String traceId(ILoggingEvent event) {
		String traceId = mdc(event, TraceContext.MDC_KEY);
		// Lines written inside an observation but outside the starter's scope (an
		// observation handler at the very end of a request) still carry the span's id,
		// which is the request's id whenever the starter generated it.
		return (traceId != null) ? traceId : mdc(event, MICROMETER_TRACE_ID);
	}

	private static @Nullable String mdc(ILoggingEvent event, String key) {
		Map<String, String> mdc = event.getMDCPropertyMap();
		return (mdc != null) ? mdc.get(key) : null;
	}

	/**
	 * MDC entries, then key-value pairs. Boot's JSON writer refuses a name written twice,
	 * which would lose the whole line, so a key that names a field of the format, or that
	 * an earlier entry wrote (the MDC and a pair, a pair given twice, two long keys cut
	 * alike), is left out: the first one wins.
	 */
	private static void contextPairs(ILoggingEvent event, BiConsumer<String, Object> pairs, FieldLimiter limiter,
			Set<String> formatNames) {
		Map<String, String> mdc = event.getMDCPropertyMap();
		List<KeyValuePair> keyValuePairs = event.getKeyValuePairs();
		boolean hasMdc = mdc != null && !mdc.isEmpty();
		boolean hasPairs = keyValuePairs != null && !keyValuePairs.isEmpty();
		// MDC keys are distinct: a set is needed only with pairs or with keys to cut.
		Set<String> written = (hasPairs || (hasMdc && limiter.anyCut(mdc.keySet()))) ? new HashSet<>() : null;
		if (hasMdc) {
			mdc.forEach((key, value) -> {
				if (key != null && value != null && !isTraceKey(key)) {
					accept(pairs, limiter.limit(key), limiter.limit(value), formatNames, written);
				}
			});
		}
		if (hasPairs) {
			for (KeyValuePair pair : keyValuePairs) {
				if (pair.key != null) {
					accept(pairs, limiter.limit(pair.key), limiter.limitValue(pair.value), formatNames, written);
				}
			}
		}
	}

	private static void accept(BiConsumer<String, Object> pairs, String key, @Nullable Object value,
			Set<String> formatNames, @Nullable Set<String> written) {
		if (!formatNames.contains(key) && (written == null || written.add(key))) {
			pairs.accept(key, value);
		}
	}

	private static boolean isTraceKey(String key) {
		return key.equals(TraceContext.MDC_KEY) || key.equals(MICROMETER_TRACE_ID) || key.equals(MICROMETER_SPAN_ID);
	}

	private static String stackTrace(IThrowableProxy proxy, @Nullable StackTracePrinter printer) {
		if (printer != null && proxy instanceof ThrowableProxy throwableProxy) {
			return printer.printStackTraceToString(throwableProxy.getThrowable());
		}
		return ThrowableProxyUtil.asString(proxy);
	}

}
