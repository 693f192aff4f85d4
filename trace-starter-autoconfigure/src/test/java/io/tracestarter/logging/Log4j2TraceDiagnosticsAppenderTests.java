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

import java.util.Map;

import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceHopRecorder;
import org.apache.kafka.common.utils.KafkaThread;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.impl.ContextDataFactory;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.ParameterizedMessage;
import org.apache.logging.log4j.util.StringMap;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Log4j2 diagnostics appender, on real Log4j2 events, decides as the Logback one
 * does: a Kafka logger's line without an id on a Kafka thread is outside traced work, an
 * application's line there or a Kafka logger's line on another thread is a break point.
 */
class Log4j2TraceDiagnosticsAppenderTests {

	private final LinesWithoutTraceId breakPoints = new LinesWithoutTraceId(10);

	private final Log4j2TraceDiagnosticsAppender appender = new Log4j2TraceDiagnosticsAppender(
			new TraceDiagnostics(this.breakPoints, TraceHopRecorder.none()));

	@Test
	void aKafkaLoggersLineOnAKafkaThreadIsOutsideTracedWork() throws InterruptedException {
		onKafkaThread(() -> this.appender.append(event("org.apache.kafka.clients.NetworkClient", Map.of())));
		assertThat(this.breakPoints.linesOutsideTracedWork()).isOne();
		assertThat(this.breakPoints.linesWithoutId()).isZero();
	}

	@Test
	void anApplicationsLineOnAKafkaThreadIsABreakPoint() throws InterruptedException {
		onKafkaThread(() -> this.appender.append(event("app.SendCallback", Map.of())));
		assertThat(this.breakPoints.linesWithoutId()).isOne();
		assertThat(this.breakPoints.groups()).singleElement()
			.satisfies(
					(group) -> assertThat(group.threadGroup()).isEqualTo("kafka-producer-network-thread | producer-N"));
		assertThat(this.breakPoints.linesOutsideTracedWork()).isZero();
	}

	@Test
	void aKafkaLoggersLineOnAnApplicationThreadIsABreakPoint() {
		this.appender.append(event("org.apache.kafka.clients.producer.KafkaProducer", Map.of()));
		assertThat(this.breakPoints.linesWithoutId()).isOne();
		assertThat(this.breakPoints.linesOutsideTracedWork()).isZero();
	}

	@Test
	void aLineWithAnIdOnAKafkaThreadIsNeither() throws InterruptedException {
		onKafkaThread(() -> this.appender
			.append(event("org.apache.kafka.clients.Metadata", Map.of(TraceContext.MDC_KEY, "abc-1"))));
		assertThat(this.breakPoints.linesWithoutId()).isZero();
		assertThat(this.breakPoints.linesOutsideTracedWork()).isZero();
	}

	private static void onKafkaThread(Runnable action) throws InterruptedException {
		Thread thread = KafkaThread.daemon("kafka-producer-network-thread | producer-1", action);
		thread.start();
		thread.join();
	}

	// Built on the thread that logs, as Log4j does: the thread name is the current one.
	private static LogEvent event(String logger, Map<String, String> context) {
		StringMap data = ContextDataFactory.createContextData();
		context.forEach(data::putValue);
		return Log4jLogEvent.newBuilder()
			.setLoggerName(logger)
			.setLevel(Level.INFO)
			.setMessage(new ParameterizedMessage("line"))
			.setContextData(data)
			.setThreadName(Thread.currentThread().getName())
			.build();
	}

}
