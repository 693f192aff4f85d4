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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.tracestarter.core.OutsideTracedWork;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.Message;

/**
 * Around a {@code @KafkaListener} method, hands it its batch as a {@link TracedList}, so
 * each record's lines inside the listener's own loop carry that record's id. Works for
 * {@code List<ConsumerRecord>}, {@code List<Message<?>>} and {@code ConsumerRecords};
 * lines outside the loop carry no id. Every id it opened is closed when the method
 * returns or throws. While the method runs, the consumer thread's
 * {@link OutsideTracedWork} mark ({@link ListenerThreadMark}) is lifted: a line of the
 * listener's that has no id is a break point.
 */
final class BatchListenerTracingInterceptor implements MethodInterceptor {

	private final KafkaTraceIds ids;

	BatchListenerTracingInterceptor(KafkaTraceIds ids) {
		this.ids = ids;
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		if (!AnnotatedElementUtils.hasAnnotation(invocation.getMethod(), KafkaListener.class)) {
			return invocation.proceed();
		}
		@Nullable Object[] arguments = invocation.getArguments();
		List<TracedList<?>> traced = new ArrayList<>();
		for (int i = 0; i < arguments.length; i++) {
			arguments[i] = trace(arguments[i], traced);
		}
		boolean outside = OutsideTracedWork.suspend();
		try {
			return invocation.proceed();
		}
		finally {
			traced.forEach(TracedList::exit);
			OutsideTracedWork.resume(outside);
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private @Nullable Object trace(@Nullable Object argument, List<TracedList<?>> traced) {
		if (argument instanceof List<?> list && !list.isEmpty()) {
			Object first = list.get(0);
			if (first instanceof ConsumerRecord<?, ?>) {
				Function<ConsumerRecord<?, ?>, String> idOf = this.ids::of;
				TracedList<ConsumerRecord<?, ?>> records = new TracedList<>((List) list, idOf);
				traced.add(records);
				return records;
			}
			if (first instanceof Message<?>) {
				Function<Message<?>, String> idOf = this.ids::of;
				TracedList<Message<?>> messages = new TracedList<>((List) list, idOf);
				traced.add(messages);
				return messages;
			}
		}
		if (argument instanceof ConsumerRecords<?, ?> records && !records.isEmpty()) {
			Map<TopicPartition, List<ConsumerRecord<Object, Object>>> partitions = new LinkedHashMap<>();
			Function<ConsumerRecord<Object, Object>, String> idOf = this.ids::of;
			for (TopicPartition partition : records.partitions()) {
				TracedList<ConsumerRecord<Object, Object>> list = new TracedList<>((List) records.records(partition),
						idOf);
				traced.add(list);
				partitions.put(partition, list);
			}
			return new ConsumerRecords<>(partitions, records.nextOffsets());
		}
		return argument;
	}

}
