package io.tracestarter.kafka;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.tracestarter.core.TraceHopRecorder;
import io.tracestarter.core.TraceScope;
import io.tracestarter.sampling.RequestSampling;
import io.tracestarter.sampling.RequestSampling.Kind;
import io.tracestarter.sampling.RequestSampling.Request;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Runs each record of a record listener under the record's trace id. The id is opened
 * before the listener and closed when it succeeds; when it fails, the id stays for the
 * error handler (its retries, back-off and dead-letter lines are about this record) and
 * is closed when the next record starts or when the container ends the poll cycle
 * ({@link #clearThreadState}), so the listener thread never keeps it.
 */
final class TraceRecordInterceptor implements RecordInterceptor<Object, Object> {

	private final KafkaTraceIds ids;

	private final TraceHopRecorder hops;

	private final RequestSampling sampling;

	/** Open scopes by listener thread; at most one entry per container thread. */
	private final Map<Thread, Open> open = new ConcurrentHashMap<>();

	TraceRecordInterceptor(KafkaTraceIds ids, TraceHopRecorder hops, RequestSampling sampling) {
		this.ids = ids;
		this.hops = hops;
		this.sampling = sampling;
	}

	@Override
	public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
			Consumer<Object, Object> consumer) {
		close();
		String traceId = this.ids.of(record);
		TraceScope scope = TraceScope.open(traceId);
		this.open.put(Thread.currentThread(), new Open(scope, this.sampling.begin(traceId, Kind.KAFKA_TOPIC, record.topic())));
		this.hops.record(traceId, KafkaTraceIds.LAYER, "in");
		return record;
	}

	@Override
	public void success(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
		close();
	}

	@Override
	public void failure(ConsumerRecord<Object, Object> record, Exception exception,
			Consumer<Object, Object> consumer) {
		// The id is kept open on purpose: the error handler runs next, on this thread.
		// The record's held-back lines are written now, before the error handler's.
		Open current = this.open.get(Thread.currentThread());
		if (current != null) {
			current.sampled().end(true);
		}
	}

	@Override
	public void clearThreadState(@Nullable Consumer<?, ?> consumer) {
		close();
	}

	private void close() {
		Open current = this.open.remove(Thread.currentThread());
		if (current != null) {
			current.sampled().end(false);
			current.scope().close();
		}
	}

	private record Open(TraceScope scope, Request sampled) {
	}

}
