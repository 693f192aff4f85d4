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

package io.tracestarter.app;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.tracestarter.core.TraceContext;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.FixedBackOff;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A servlet application with record and batch listeners, retries to a dead-letter topic,
 * and a record interceptor of its own; no trace, logging or propagation setting.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ KafkaTestApplication.SendController.class, KafkaTestApplication.Listeners.class })
public class KafkaTestApplication {

	static final Logger logger = LoggerFactory.getLogger(KafkaTestApplication.class);

	@Bean
	ConcurrentKafkaListenerContainerFactory<Object, Object> batchFactory(
			ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
			ConsumerFactory<Object, Object> consumerFactory) {
		ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
		configurer.configure(factory, consumerFactory);
		factory.setBatchListener(true);
		return factory;
	}

	@Bean
	CommonErrorHandler retryThenDeadLetter(KafkaTemplate<Object, Object> template) {
		return new DefaultErrorHandler(new DeadLetterPublishingRecoverer(template), new FixedBackOff(20, 2));
	}

	/** The user's own interceptor: the starter composes with it. */
	@Bean
	ThreadStateProbe threadStateProbe() {
		return new ThreadStateProbe();
	}

	public static class ThreadStateProbe implements RecordInterceptor<Object, Object> {

		public final List<String> idsBeforePoll = new CopyOnWriteArrayList<>();

		public final List<String> idsSeenInIntercept = new CopyOnWriteArrayList<>();

		@Override
		public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
				Consumer<Object, Object> consumer) {
			this.idsSeenInIntercept.add(String.valueOf(TraceContext.currentTraceId()));
			return record;
		}

		@Override
		public void setupThreadState(Consumer<?, ?> consumer) {
			this.idsBeforePoll.add(String.valueOf(TraceContext.currentTraceId()));
		}

	}

	@RestController
	static class SendController {

		private final KafkaTemplate<Object, Object> template;

		SendController(KafkaTemplate<Object, Object> template) {
			this.template = template;
		}

		@GetMapping("/kafka/send")
		String send(@RequestParam String tag) {
			logger.info("http send {}", tag);
			this.template.send("orders", tag).whenComplete((result, failure) -> logger.info("send completed {}", tag));
			return tag;
		}

	}

	@Component
	public static class Listeners {

		@KafkaListener(id = "orders", topics = "orders")
		void order(ConsumerRecord<String, String> record) {
			logger.info("order received {} header {}", record.value(), header(record, "X-Trace-ID"));
		}

		@KafkaListener(id = "plain", topics = "plain")
		void plain(String payload) {
			logger.info("plain received {}", payload);
		}

		@KafkaListener(id = "flaky", topics = "flaky")
		void flaky(String payload) {
			logger.info("flaky attempt {}", payload);
			throw new IllegalStateException("flaky listener fails " + payload);
		}

		@KafkaListener(id = "flaky-dlt", topics = "flaky-dlt")
		void deadLetter(ConsumerRecord<String, String> record) {
			logger.info("dead letter {} header {}", record.value(), header(record, "X-Trace-ID"));
		}

		@KafkaListener(id = "load", topics = "load", concurrency = "3")
		void load(String expectedId) {
			logger.info("load {}", expectedId);
		}

		@KafkaListener(id = "batch-records", topics = "batch-records", containerFactory = "batchFactory",
				autoStartup = "false")
		public void batchOfRecords(List<ConsumerRecord<String, String>> records) {
			logger.info("batch of records size {}", records.size());
			for (ConsumerRecord<String, String> record : records) {
				logger.info("batch record {}", record.value());
			}
			for (int i = 0; i < records.size(); i++) {
				logger.info("batch again {}", records.get(i).value());
			}
			logger.info("batch of records done");
		}

		@KafkaListener(id = "batch-messages", topics = "batch-messages", containerFactory = "batchFactory",
				autoStartup = "false")
		public void batchOfMessages(List<Message<String>> messages) {
			logger.info("batch of messages size {}", messages.size());
			for (Message<String> message : messages) {
				logger.info("batch message {}", message.getPayload());
			}
			messages.stream().forEach((message) -> logger.info("batch again {}", message.getPayload()));
			logger.info("batch of messages done");
		}

		@KafkaListener(id = "batch-polls", topics = "batch-polls", containerFactory = "batchFactory",
				autoStartup = "false")
		public void batchOfConsumerRecords(ConsumerRecords<String, String> records) {
			logger.info("batch poll size {}", records.count());
			records.forEach((record) -> logger.info("batch poll record {}", record.value()));
			logger.info("batch poll done");
		}

		private static @Nullable String header(ConsumerRecord<?, ?> record, String name) {
			Header header = record.headers().lastHeader(name);
			return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
		}

	}

}
