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

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import ch.qos.logback.classic.LoggerContext;
import io.tracestarter.autoconfigure.TraceAutoConfiguration;
import io.tracestarter.benchmarks.JsonLines;
import io.tracestarter.core.TraceContext;
import io.tracestarter.core.TraceIdGenerator;
import io.tracestarter.core.TraceScope;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.kafka.support.TopicPartitionOffset;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Consumer throughput with a real broker: a record listener container reads a topic of
 * {@value #RECORDS} small records, each with the {@code X-Trace-ID} header the starter's
 * producer interceptor wrote, from the first record to the last; N without the starter, S
 * with the listener container factory the starter's auto-configuration has post-processed
 * (its {@link TraceRecordInterceptor} set as the record interceptor). The listener of the
 * goal's pair logs nothing; it reads the MDC's trace id, as a log line would. A second
 * pair has a listener that writes one JSON line per record (Boot's ECS format for N, the
 * starter's for S), as the services the starter is for do. A fifth method is the floor of
 * any record interceptor that puts the id into log lines: it reads the header and puts
 * its value into the MDC, and removes it after the record.
 *
 * <p>
 * One in-process KRaft broker per trial, in the benchmark's JVM. The container starts
 * once per trial; each invocation is one pass over the topic: the listener holds the
 * first record until the invocation starts, so the time is the consumption of the topic
 * by a running consumer (polls, commits, the listener), not the consumer's start. At the
 * last record the listener seeks back to the beginning for the next pass. Scores are
 * nanoseconds per record (10^9 / score records per second); throughput S / N is N's time
 * over S's.
 *
 * <p>
 * JMH runs all forks of one method before the other's; {@code RunAll} runs this one in
 * single-fork rounds that take the methods in turn instead.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(KafkaConsumerThroughputBenchmark.RECORDS)
@Warmup(iterations = 20)
@Measurement(iterations = 25)
@Fork(2)
public class KafkaConsumerThroughputBenchmark {

	static final int RECORDS = 50_000;

	static final String TOPIC = "orders";

	/**
	 * N: the container without the starter.
	 * @param topic the broker, topic and running container of the trial
	 * @return the number of records the listener saw under a trace id (none)
	 */
	@Benchmark
	public int withoutStarter(WithoutStarter topic) throws InterruptedException {
		return topic.consumeAll();
	}

	/**
	 * S: the container with the starter's record interceptor.
	 * @param topic the broker, topic and running container of the trial
	 * @return the number of records the listener saw under a trace id (all)
	 */
	@Benchmark
	public int withStarter(WithStarter topic) throws InterruptedException {
		return topic.consumeAll();
	}

	/**
	 * N with the floor interceptor: header into the MDC and out again, nothing else.
	 * @param topic the broker, topic and running container of the trial
	 * @return the number of records the listener saw under a trace id (all)
	 */
	@Benchmark
	public int withHeaderToMdcInterceptor(WithHeaderToMdc topic) throws InterruptedException {
		return topic.consumeAll();
	}

	/**
	 * N with a listener that logs one JSON line per record.
	 * @param topic the broker, topic and running container of the trial
	 * @return the number of records the listener saw under a trace id (none)
	 */
	@Benchmark
	public int withoutStarterLoggingALine(WithoutStarterLogging topic) throws InterruptedException {
		return topic.consumeAll();
	}

	/**
	 * S with a listener that logs one JSON line per record.
	 * @param topic the broker, topic and running container of the trial
	 * @return the number of records the listener saw under a trace id (all)
	 */
	@Benchmark
	public int withStarterLoggingALine(WithStarterLogging topic) throws InterruptedException {
		return topic.consumeAll();
	}

	@State(Scope.Benchmark)
	public static class WithoutStarter extends Topic {

		public WithoutStarter() {
			super(false);
		}

	}

	@State(Scope.Benchmark)
	public static class WithStarter extends Topic {

		public WithStarter() {
			super(true);
		}

	}

	@State(Scope.Benchmark)
	public static class WithHeaderToMdc extends Topic {

		public WithHeaderToMdc() {
			super(false, null, new HeaderToMdcInterceptor());
		}

	}

	@State(Scope.Benchmark)
	public static class WithoutStarterLogging extends Topic {

		public WithoutStarterLogging() {
			super(false, JsonLines.create("bench.kafka.plain", false));
		}

	}

	@State(Scope.Benchmark)
	public static class WithStarterLogging extends Topic {

		public WithStarterLogging() {
			super(true, JsonLines.create("bench.kafka.traced", true));
		}

	}

	/**
	 * The broker, the filled topic and the running container of one trial.
	 */
	public abstract static class Topic {

		private final boolean starter;

		private final @Nullable JsonLines lines;

		private final @Nullable RecordInterceptor<String, String> floor;

		private final Gate gate = new Gate();

		private EmbeddedKafkaKraftBroker broker;

		private AnnotationConfigApplicationContext context;

		private ConcurrentMessageListenerContainer<String, String> container;

		private Pass pass;

		Topic(boolean starter) {
			this(starter, null, null);
		}

		Topic(boolean starter, @Nullable JsonLines lines) {
			this(starter, lines, null);
		}

		Topic(boolean starter, @Nullable JsonLines lines, @Nullable RecordInterceptor<String, String> floor) {
			this.starter = starter;
			this.lines = lines;
			this.floor = floor;
		}

		@Setup(Level.Trial)
		public void start() throws Exception {
			try {
				startTopic();
			}
			catch (Exception | Error ex) {
				// JMH does not tear down what failed to set up; the broker's threads
				// would
				// keep the fork alive.
				stop();
				throw ex;
			}
		}

		private void startTopic() throws Exception {
			quietLogs();
			this.broker = new EmbeddedKafkaKraftBroker(1, 1, TOPIC);
			// Formatting the broker's storage prints to standard output, past the logger.
			PrintStream out = System.out;
			System.setOut(new PrintStream(OutputStream.nullOutputStream()));
			try {
				this.broker.afterPropertiesSet();
			}
			finally {
				System.setOut(out);
			}
			fill(this.broker.getBrokersAsString());
			this.context = context(this.broker.getBrokersAsString(), this.starter);
			@SuppressWarnings("unchecked")
			ConcurrentKafkaListenerContainerFactory<String, String> factory = this.context
				.getBean(ConcurrentKafkaListenerContainerFactory.class);
			Object interceptor = factory.getRecordInterceptor();
			if ((interceptor instanceof TraceRecordInterceptor) != this.starter) {
				throw new IllegalStateException("Record interceptor " + interceptor + " is not the one of variant "
						+ (this.starter ? "S" : "N"));
			}
			if (this.floor != null) {
				factory.setRecordInterceptor(this.floor);
			}
			// Assigned, not subscribed: no group rebalance, and every pass starts at
			// offset 0.
			this.container = factory
				.createContainer(new TopicPartitionOffset(TOPIC, 0, TopicPartitionOffset.SeekPosition.BEGINNING));
			this.container
				.setupMessageListener(new PassListener(this.gate, (this.lines != null) ? this.lines.logger() : null));
			this.container.start();
		}

		@Setup(Level.Invocation)
		public void awaitFirstRecord() throws InterruptedException {
			this.pass = this.gate.awaitArrival();
		}

		int consumeAll() throws InterruptedException {
			this.pass.start.countDown();
			if (!this.pass.done.await(2, TimeUnit.MINUTES)) {
				throw new IllegalStateException("The listener did not get to the end of the topic");
			}
			int expected = (this.starter || this.floor != null) ? RECORDS : 0;
			if (this.pass.traced != expected) {
				throw new IllegalStateException(this.pass.traced + " records under a trace id, expected " + expected);
			}
			if (this.lines != null) {
				this.lines.verify(this.starter);
			}
			return this.pass.traced;
		}

		@TearDown(Level.Trial)
		public void stop() {
			this.gate.close();
			if (this.container != null) {
				this.container.stop();
			}
			if (this.context != null) {
				this.context.close();
			}
			if (this.broker != null) {
				this.broker.destroy();
			}
		}

		/**
		 * The broker and the clients log at INFO, many lines per second at start-up;
		 * nothing of that is about the figures.
		 */
		private static void quietLogs() {
			LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
			logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.ERROR);
		}

		/**
		 * Each record is sent under its own id through the starter's producer
		 * interceptor, so its headers are the ones the starter writes.
		 */
		private void fill(String brokers) throws Exception {
			Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
					ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
					ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
					ProducerConfig.INTERCEPTOR_CLASSES_CONFIG, TraceProducerInterceptor.class.getName());
			AtomicReference<Exception> failure = new AtomicReference<>();
			try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
				for (int i = 0; i < RECORDS; i++) {
					try (TraceScope scope = TraceContext.open(TraceIdGenerator.randomHex())) {
						producer.send(new ProducerRecord<>(TOPIC, "order-" + i), (metadata, exception) -> {
							if (exception != null) {
								failure.compareAndSet(null, exception);
							}
						});
					}
				}
				producer.flush();
			}
			if (failure.get() != null) {
				throw new IllegalStateException("Could not fill the topic", failure.get());
			}
			// A pass ends at record number RECORDS: the topic must hold exactly that
			// many.
			long end = this.broker.doWithAdminFunction((admin) -> {
				TopicPartition partition = new TopicPartition(TOPIC, 0);
				try {
					return admin.listOffsets(Map.of(partition, OffsetSpec.latest()))
						.partitionResult(partition)
						.get(30, TimeUnit.SECONDS)
						.offset();
				}
				catch (Exception ex) {
					throw new IllegalStateException("Could not read the end of the topic", ex);
				}
			});
			if (end != RECORDS) {
				throw new IllegalStateException("The topic has " + end + " records, expected " + RECORDS);
			}
		}

		private AnnotationConfigApplicationContext context(String brokers, boolean starter) {
			AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
			if (starter) {
				context.register(StarterConfiguration.class);
			}
			context.registerBean("kafkaListenerContainerFactory", ConcurrentKafkaListenerContainerFactory.class,
					() -> factory(brokers));
			context.refresh();
			return context;
		}

		/**
		 * The factory as an application declares it (Boot's defaults: one consumer
		 * thread, offsets committed after each poll's records). One change: a fetch at
		 * the end of the topic waits 10 ms for new records instead of 500, as the seek
		 * back to the beginning waits for that fetch. It only shortens the gap between
		 * passes: within a pass there are always records to fetch.
		 */
		private static ConcurrentKafkaListenerContainerFactory<String, String> factory(String brokers) {
			Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
					ConsumerConfig.GROUP_ID_CONFIG, "throughput", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
					ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10, ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
					StringDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
			ConcurrentKafkaListenerContainerFactory<String, String> factory = new ConcurrentKafkaListenerContainerFactory<>();
			factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(config));
			return factory;
		}

	}

	/**
	 * The starter's core and Kafka auto-configurations, whose bean post-processor sets
	 * the record interceptor on the listener container factory.
	 */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ TraceAutoConfiguration.class, KafkaTraceAutoConfiguration.class })
	static class StarterConfiguration {

	}

	/**
	 * One pass over the topic.
	 */
	static final class Pass {

		final CountDownLatch start = new CountDownLatch(1);

		final CountDownLatch done = new CountDownLatch(1);

		/** Written by the listener before {@code done} counts down. */
		int traced;

	}

	/**
	 * Hands each pass from the listener, holding the first record, to the benchmark
	 * thread.
	 */
	static final class Gate {

		private Pass arrived;

		private boolean closed;

		synchronized boolean arrive(Pass pass) {
			if (this.closed) {
				return false;
			}
			this.arrived = pass;
			notifyAll();
			return true;
		}

		synchronized Pass awaitArrival() throws InterruptedException {
			long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
			while (this.arrived == null) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					throw new IllegalStateException("No record arrived at the listener");
				}
				TimeUnit.NANOSECONDS.timedWait(this, left);
			}
			Pass pass = this.arrived;
			this.arrived = null;
			return pass;
		}

		/**
		 * Let a pass waiting at the gate go, and no later one wait.
		 */
		synchronized void close() {
			this.closed = true;
			if (this.arrived != null) {
				this.arrived.start.countDown();
			}
		}

	}

	/**
	 * The record listener: reads the MDC's trace id and counts the records that had one,
	 * logs a line when given a logger; waits at the first record of each pass, seeks back
	 * to the beginning after the last.
	 */
	static final class PassListener implements MessageListener<String, String>, ConsumerSeekAware {

		private final Gate gate;

		private final @Nullable Logger logger;

		private Collection<TopicPartition> partitions = List.of();

		private ConsumerSeekCallback seeks;

		private Pass pass;

		private int consumed;

		private int traced;

		PassListener(Gate gate, @Nullable Logger logger) {
			this.gate = gate;
			this.logger = logger;
		}

		@Override
		public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
			this.partitions = List.copyOf(assignments.keySet());
			this.seeks = callback;
		}

		@Override
		public void onMessage(ConsumerRecord<String, String> record) {
			if (this.consumed == 0) {
				Pass next = new Pass();
				if (!this.gate.arrive(next)) {
					return;
				}
				try {
					next.start.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				this.pass = next;
			}
			if (MDC.get(TraceContext.MDC_KEY) != null) {
				this.traced++;
			}
			if (this.logger != null) {
				this.logger.info("Order {} consumed", record.value());
			}
			if (++this.consumed == RECORDS) {
				// Queued; the container seeks after this poll's records, before the next
				// poll.
				this.seeks.seekToBeginning(this.partitions);
				this.pass.traced = this.traced;
				this.consumed = 0;
				this.traced = 0;
				this.pass.done.countDown();
			}
		}

	}

	/**
	 * The least an interceptor can do to put a record's id into its log lines: the
	 * header's value into the MDC before the listener, out after it. No validation, no
	 * fallback id, no restoring of what was there before.
	 */
	static final class HeaderToMdcInterceptor implements RecordInterceptor<String, String> {

		@Override
		public ConsumerRecord<String, String> intercept(ConsumerRecord<String, String> record,
				Consumer<String, String> consumer) {
			Header header = record.headers().lastHeader("X-Trace-ID");
			if (header != null) {
				MDC.put(TraceContext.MDC_KEY, new String(header.value(), StandardCharsets.UTF_8));
			}
			return record;
		}

		@Override
		public void afterRecord(ConsumerRecord<String, String> record, Consumer<String, String> consumer) {
			MDC.remove(TraceContext.MDC_KEY);
		}

	}

}
