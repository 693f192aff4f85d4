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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.tracestarter.core.InboundSource;
import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceHopRecorder;
import io.tracestarter.core.TraceIdGenerator;
import io.tracestarter.core.TraceIdResolver;
import io.tracestarter.core.TraceIdValidator;
import io.tracestarter.core.TraceMetrics;
import io.tracestarter.core.TraceScope;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Per-record cost of the Kafka layer: the producer interceptor adding the header, the
 * record interceptor opening and closing the record's id around a listener, and a batch
 * listener's loop over 50 records with and without per-record ids. In the {@code kafka}
 * package because those classes are package-private.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class KafkaLayerBenchmark {

	private TraceProducerInterceptor producerInterceptor;

	private TraceRecordInterceptor recordInterceptor;

	private KafkaTraceIds ids;

	private ConsumerRecord<Object, Object> record;

	private List<ConsumerRecord<Object, Object>> batch;

	private TraceScope senderScope;

	@Setup(Level.Trial)
	public void setUp() {
		TraceIdResolver resolver = new TraceIdResolver(
				List.of(InboundSource.of("header:X-Trace-ID"), InboundSource.of("traceparent")),
				new TraceIdValidator(128), TraceIdGenerator.random(), new TraceMetrics());
		this.ids = new KafkaTraceIds(resolver);
		this.producerInterceptor = new TraceProducerInterceptor("X-Trace-ID", new TraceMetrics(),
				TraceHopRecorder.none());
		this.recordInterceptor = new TraceRecordInterceptor(this.ids);
		this.record = record(0);
		this.batch = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			this.batch.add(record(i));
		}
		this.senderScope = TraceContext.open("4bf92f3577b34da6a3ce929d0e0e4736");
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.senderScope.close();
	}

	private static ConsumerRecord<Object, Object> record(int offset) {
		ConsumerRecord<Object, Object> record = new ConsumerRecord<>("orders", 0, offset, "key", "value");
		record.headers().add("X-Trace-ID", ("order-" + offset).getBytes(StandardCharsets.UTF_8));
		return record;
	}

	@Benchmark
	public ProducerRecord<Object, Object> sendWithoutInterceptor() {
		return new ProducerRecord<>("orders", "key", "value");
	}

	@Benchmark
	public ProducerRecord<Object, Object> sendWithInterceptor() {
		return this.producerInterceptor.onSend(new ProducerRecord<>("orders", "key", "value"));
	}

	@Benchmark
	public void recordListenerWithoutInterceptor(Blackhole blackhole) {
		blackhole.consume(this.record.value());
	}

	@Benchmark
	public void recordListenerWithInterceptor(Blackhole blackhole) {
		this.recordInterceptor.intercept(this.record, null);
		blackhole.consume(this.record.value());
		this.recordInterceptor.success(this.record, null);
	}

	@Benchmark
	public void batchLoopOf50Plain(Blackhole blackhole) {
		for (ConsumerRecord<Object, Object> element : this.batch) {
			blackhole.consume(element.value());
		}
	}

	@Benchmark
	public void batchLoopOf50PerRecordIds(Blackhole blackhole) {
		TracedList<ConsumerRecord<Object, Object>> traced = new TracedList<>(this.batch, this.ids::of);
		for (ConsumerRecord<Object, Object> element : traced) {
			blackhole.consume(element.value());
		}
	}

}
