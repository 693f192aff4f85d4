package io.tracestarter.kafka;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.tracestarter.core.TraceHopRecorder;
import io.tracestarter.core.TraceScope;
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

	/** Open scopes by listener thread; at most one entry per container thread. */
	private final Map<Thread, TraceScope> open = new ConcurrentHashMap<>();

	TraceRecordInterceptor(KafkaTraceIds ids, TraceHopRecorder hops) {
		this.ids = ids;
		this.hops = hops;
	}

	@Override
	public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
			Consumer<Object, Object> consumer) {
		close();
		String traceId = this.ids.of(record);
		this.open.put(Thread.currentThread(), TraceScope.open(traceId));
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
		// Kept open on purpose: the error handler runs next, on this thread.
	}

	@Override
	public void clearThreadState(@Nullable Consumer<?, ?> consumer) {
		close();
	}

	private void close() {
		TraceScope scope = this.open.remove(Thread.currentThread());
		if (scope != null) {
			scope.close();
		}
	}

}
