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

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.tracestarter.core.InboundSource;
import io.tracestarter.core.OutsideTracedWork;
import io.tracestarter.core.RequestSampling;
import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceHopRecorder;
import io.tracestarter.core.TraceIdGenerator;
import io.tracestarter.core.TraceIdResolver;
import io.tracestarter.core.TraceIdValidator;
import io.tracestarter.core.TraceMetrics;
import io.tracestarter.core.TraceScope;
import org.aopalliance.intercept.MethodInvocation;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Around a {@code @KafkaListener} method, each record of a batch ({@code List} of records
 * or messages, or {@code ConsumerRecords}) carries its own id inside the listener's loop,
 * lines outside the loop carry none, and every id opened is closed when the method
 * returns or throws.
 */
class BatchListenerTracingInterceptorTests {

	private final BatchListenerTracingInterceptor interceptor = new BatchListenerTracingInterceptor(
			new KafkaTraceIds(
					new TraceIdResolver(List.of(InboundSource.of("header:X-Trace-ID")), new TraceIdValidator(128),
							TraceIdGenerator.random(), new TraceMetrics()),
					TraceHopRecorder.none(), RequestSampling.none()));

	private final List<@Nullable String> seen = new ArrayList<>();

	@Test
	void eachRecordOfAListCarriesItsIdInsideTheLoopOnly() throws Throwable {
		List<ConsumerRecord<Object, Object>> records = List.of(record("orders", 0, 1, "batch-1"),
				record("orders", 0, 2, "batch-2"));
		Object result = invoke("listen", (arguments) -> {
			List<?> batch = (List<?>) arguments[0];
			this.seen.add(TraceContext.currentTraceId());
			for (Object record : batch) {
				this.seen.add(TraceContext.currentTraceId());
			}
			this.seen.add(TraceContext.currentTraceId());
			return "done";
		}, records);
		assertThat(result).isEqualTo("done");
		assertThat(this.seen).containsExactly(null, "batch-1", "batch-2", null);
		assertThat(TraceContext.currentTraceId()).isNull();
	}

	@Test
	void anIndexLoopCarriesEachRecordsId() throws Throwable {
		List<ConsumerRecord<Object, Object>> records = List.of(record("orders", 0, 3, "batch-3"),
				record("orders", 0, 4, null));
		invoke("listen", (arguments) -> {
			List<?> batch = (List<?>) arguments[0];
			for (int i = 0; i < batch.size(); i++) {
				batch.get(i);
				this.seen.add(TraceContext.currentTraceId());
			}
			this.seen.add(TraceContext.currentTraceId());
			return null;
		}, records);
		assertThat(this.seen).containsExactly("batch-3", KafkaTraceIds.derived("orders", 0, 4), null);
	}

	@Test
	void eachMessageOfAListCarriesItsId() throws Throwable {
		List<Message<String>> messages = List.of(
				MessageBuilder.withPayload("a").setHeader("X-Trace-ID", "msg-1").build(),
				MessageBuilder.withPayload("b")
					.setHeader("X-Trace-ID", "msg-2".getBytes(StandardCharsets.UTF_8))
					.build());
		invoke("listenToMessages", (arguments) -> {
			((List<?>) arguments[0]).forEach((message) -> this.seen.add(TraceContext.currentTraceId()));
			this.seen.add(TraceContext.currentTraceId());
			return null;
		}, messages);
		assertThat(this.seen).containsExactly("msg-1", "msg-2", null);
	}

	@Test
	void eachRecordOfConsumerRecordsCarriesItsIdAndTheBatchKeepsItsOffsets() throws Throwable {
		TopicPartition first = new TopicPartition("orders", 0);
		TopicPartition second = new TopicPartition("orders", 1);
		Map<TopicPartition, List<ConsumerRecord<Object, Object>>> partitions = new LinkedHashMap<>();
		partitions.put(first, List.of(record("orders", 0, 5, "cr-1"), record("orders", 0, 6, "cr-2")));
		partitions.put(second, List.of(record("orders", 1, 7, "cr-3")));
		Map<TopicPartition, OffsetAndMetadata> offsets = Map.of(first, new OffsetAndMetadata(7), second,
				new OffsetAndMetadata(8));
		ConsumerRecords<Object, Object> records = new ConsumerRecords<>(partitions, offsets);
		invoke("listenToConsumerRecords", (arguments) -> {
			ConsumerRecords<?, ?> batch = (ConsumerRecords<?, ?>) arguments[0];
			assertThat(batch).isNotSameAs(records);
			assertThat(batch.count()).isEqualTo(3);
			assertThat(batch.nextOffsets()).isEqualTo(offsets);
			for (ConsumerRecord<?, ?> record : batch) {
				this.seen.add(TraceContext.currentTraceId());
			}
			this.seen.add(TraceContext.currentTraceId());
			return null;
		}, records);
		assertThat(this.seen).containsExactly("cr-1", "cr-2", "cr-3", null);
		assertThat(TraceContext.currentTraceId()).isNull();
	}

	@Test
	void anIdLeftOpenByALoopThatBrokeOffIsClosedWhenTheMethodReturns() throws Throwable {
		try (TraceScope outer = TraceScope.open("outer-1")) {
			invoke("listen", (arguments) -> {
				for (Object record : (List<?>) arguments[0]) {
					break;
				}
				this.seen.add(TraceContext.currentTraceId());
				return null;
			}, List.of(record("orders", 0, 8, "batch-8"), record("orders", 0, 9, "batch-9")));
			assertThat(this.seen).containsExactly("batch-8");
			assertThat(TraceContext.currentTraceId()).isEqualTo("outer-1");
		}
	}

	@Test
	void anIdOpenWhenTheListenerThrowsIsClosed() {
		assertThatIllegalStateException().isThrownBy(() -> invoke("listen", (arguments) -> {
			for (Object record : (List<?>) arguments[0]) {
				throw new IllegalStateException("boom");
			}
			return null;
		}, List.of(record("orders", 0, 10, "batch-10")))).withMessage("boom");
		assertThat(TraceContext.currentTraceId()).isNull();
	}

	@Test
	void theConsumerThreadsMarkIsLiftedWhileTheListenerRuns() {
		List<Boolean> outside = new ArrayList<>();
		OutsideTracedWork.enter();
		try {
			assertThatIllegalStateException().isThrownBy(() -> invoke("listen", (arguments) -> {
				outside.add(OutsideTracedWork.isCurrent());
				throw new IllegalStateException("boom");
			}, List.of(record("orders", 0, 11, "batch-11"))));
			assertThat(outside).as("the listener's own work").containsExactly(false);
			assertThat(OutsideTracedWork.isCurrent()).as("set again for the container's lines").isTrue();
		}
		finally {
			OutsideTracedWork.leave();
		}
	}

	@Test
	void aMethodThatIsNoKafkaListenerGetsItsArgumentsUntouched() throws Throwable {
		List<ConsumerRecord<Object, Object>> records = List.of(record("orders", 0, 11, "batch-11"));
		invoke("notAListener", (arguments) -> {
			assertThat(arguments[0]).isSameAs(records);
			for (Object record : (List<?>) arguments[0]) {
				this.seen.add(TraceContext.currentTraceId());
			}
			return null;
		}, records);
		assertThat(this.seen).containsOnlyNulls().hasSize(1);
	}

	@Test
	void otherArgumentsAndEmptyBatchesAreLeftAsTheyAre() throws Throwable {
		List<Object> empty = List.of();
		List<String> strings = List.of("a", "b");
		ConsumerRecords<Object, Object> noRecords = ConsumerRecords.empty();
		invoke("listenToAnything", (arguments) -> {
			assertThat(arguments[0]).isSameAs(empty);
			assertThat(arguments[1]).isSameAs(strings);
			assertThat(arguments[2]).isSameAs(noRecords);
			assertThat(arguments[3]).isNull();
			assertThat(arguments[4]).isEqualTo("text");
			return null;
		}, empty, strings, noRecords, null, "text");
	}

	private @Nullable Object invoke(String method, Function<@Nullable Object[], @Nullable Object> listener,
			@Nullable Object... arguments) throws Throwable {
		Method target = Arrays.stream(Listeners.class.getDeclaredMethods())
			.filter((candidate) -> candidate.getName().equals(method))
			.findFirst()
			.orElseThrow();
		return this.interceptor.invoke(new Invocation(target, arguments, listener));
	}

	private static ConsumerRecord<Object, Object> record(String topic, int partition, long offset,
			@Nullable String traceId) {
		ConsumerRecord<Object, Object> record = new ConsumerRecord<>(topic, partition, offset, "key", "value");
		if (traceId != null) {
			record.headers().add("X-Trace-ID", traceId.getBytes(StandardCharsets.UTF_8));
		}
		return record;
	}

	/**
	 * The listener methods an invocation can be of; their bodies are the test's.
	 */
	static class Listeners {

		@KafkaListener(topics = "orders")
		void listen(List<ConsumerRecord<Object, Object>> records) {
		}

		@KafkaListener(topics = "orders")
		void listenToMessages(List<Message<?>> messages) {
		}

		@KafkaListener(topics = "orders")
		void listenToConsumerRecords(ConsumerRecords<Object, Object> records) {
		}

		@KafkaListener(topics = "orders")
		void listenToAnything(List<Object> empty, List<String> strings, ConsumerRecords<Object, Object> records,
				@Nullable Object none, String text) {
		}

		void notAListener(List<ConsumerRecord<Object, Object>> records) {
		}

	}

	/**
	 * An invocation whose proceed runs the test's listener on the (maybe replaced)
	 * arguments.
	 */
	private record Invocation(Method method, @Nullable Object[] arguments,
			Function<@Nullable Object[], @Nullable Object> listener) implements MethodInvocation {

		@Override
		public Method getMethod() {
			return this.method;
		}

		@Override
		public @Nullable Object[] getArguments() {
			return this.arguments;
		}

		@Override
		public @Nullable Object proceed() {
			return this.listener.apply(this.arguments);
		}

		@Override
		public Object getThis() {
			return new Listeners();
		}

		@Override
		public AccessibleObject getStaticPart() {
			return this.method;
		}

	}

}
