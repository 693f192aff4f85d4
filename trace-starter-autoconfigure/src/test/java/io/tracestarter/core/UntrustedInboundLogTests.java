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

package io.tracestarter.core;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one line that links an untrusted caller's own id, in the field
 * {@code trace_id_inbound}, to the id used instead; nothing when no id was replaced.
 */
class UntrustedInboundLogTests {

	private final Logger logger = (Logger) LoggerFactory.getLogger(UntrustedInboundLog.class);

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private Level level;

	@BeforeEach
	void listen() {
		this.level = this.logger.getLevel();
		this.logger.setLevel(Level.INFO);
		this.appender.start();
		this.logger.addAppender(this.appender);
	}

	@AfterEach
	void stopListening() {
		this.logger.detachAppender(this.appender);
		this.appender.stop();
		this.logger.setLevel(this.level);
	}

	@Test
	void aReplacedIdIsLoggedOnceUnderTheNewIdWithTheCallersIdInItsField() {
		try (TraceScope scope = TraceScope.open("new-1")) {
			UntrustedInboundLog.logIfReplaced(new TraceIdResolver.ResolvedTraceId("new-1", null, "customer-ref-1"),
					"http");
		}
		assertThat(this.appender.list).singleElement().satisfies((event) -> {
			assertThat(event.getLevel()).isEqualTo(Level.INFO);
			assertThat(event.getFormattedMessage()).isEqualTo("Inbound trace id from an untrusted http peer replaced");
			assertThat(event.getKeyValuePairs()).singleElement().satisfies((pair) -> {
				assertThat(pair.key).isEqualTo(UntrustedInboundLog.FIELD).isEqualTo("trace_id_inbound");
				assertThat(pair.value).isEqualTo("customer-ref-1");
			});
			assertThat(event.getMDCPropertyMap()).containsEntry(TraceContext.MDC_KEY, "new-1");
		});
	}

	@Test
	void nothingIsLoggedWhenNoIdWasReplaced() {
		UntrustedInboundLog.logIfReplaced(new TraceIdResolver.ResolvedTraceId("generated-1", null, null), "grpc");
		UntrustedInboundLog.logIfReplaced(
				new TraceIdResolver.ResolvedTraceId("inbound-1", InboundSource.of("header:X-Trace-ID"), null), "http");
		assertThat(this.appender.list).isEmpty();
	}

	@Test
	void theLayerNamesThePeer() {
		UntrustedInboundLog.logIfReplaced(new TraceIdResolver.ResolvedTraceId("new-2", null, "ref-2"), "grpc");
		assertThat(this.appender.list).extracting(ILoggingEvent::getFormattedMessage)
			.containsExactly("Inbound trace id from an untrusted grpc peer replaced");
	}

}
