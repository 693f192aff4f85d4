package io.tracestarter.kafka;

/**
 * The Kafka layer's parts, made once and shared by every container factory, template and
 * listener bean.
 *
 * @param recordInterceptor runs record listeners under the record's id
 * @param producerInterceptor adds the id header to sent records
 * @param batchInterceptor gives batch listeners per-record ids
 */
record KafkaTraceComponents(TraceRecordInterceptor recordInterceptor, TraceProducerInterceptor producerInterceptor,
		BatchListenerTracingInterceptor batchInterceptor) {
}
