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

package io.tracestarter.kafka;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceScope;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The send future a traced template hands out: completed under the sender's id, and its
 * cancel reaches the real send.
 */
class KafkaTemplateTracingTests {

	private final CompletableFuture<SendResult<String, String>> realSend = new CompletableFuture<>();

	@SuppressWarnings("unchecked")
	private final KafkaTemplate<String, String> traced = (KafkaTemplate<String, String>) KafkaTemplateTracing
		.relaySendFutures(new HeldSendTemplate(this.realSend));

	@Test
	void cancellingTheHandedOutFutureCancelsTheRealSend() {
		CompletableFuture<SendResult<String, String>> handedOut;
		try (TraceScope scope = TraceContext.open("send-1")) {
			handedOut = this.traced.send("orders", "o1");
		}
		assertThat(handedOut).isNotSameAs(this.realSend);
		assertThat(handedOut.cancel(true)).isTrue();
		assertThat(this.realSend).isCancelled();
		assertThat(handedOut).isCancelled();
	}

	@Test
	void callbacksRunUnderTheSendersIdWhereverTheSendCompletes() throws Exception {
		AtomicReference<String> seen = new AtomicReference<>();
		try (TraceScope scope = TraceContext.open("send-2")) {
			this.traced.send("orders", "o2").thenRun(() -> seen.set(TraceContext.currentTraceId()));
		}
		CompletableFuture.runAsync(() -> this.realSend.complete(null)).get();
		assertThat(seen).hasValue("send-2");
		assertThat(TraceContext.currentTraceId()).isNull();
	}

	@Test
	void withoutAnIdTheRealFutureIsHandedOut() {
		assertThat(this.traced.send("orders", "o3")).isSameAs(this.realSend);
	}

	/**
	 * A template whose send returns a future the test completes or cancels; nothing is
	 * sent, so no broker is needed.
	 */
	static class HeldSendTemplate extends KafkaTemplate<String, String> {

		private final CompletableFuture<SendResult<String, String>> future;

		HeldSendTemplate(CompletableFuture<SendResult<String, String>> future) {
			super(new DefaultKafkaProducerFactory<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9",
					ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
					ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class)));
			this.future = future;
		}

		@Override
		public CompletableFuture<SendResult<String, String>> send(String topic, String data) {
			return this.future;
		}

	}

}
