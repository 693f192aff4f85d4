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

package io.tracestarter.logging;

import io.tracestarter.core.OutsideTracedWork;
import io.tracestarter.core.TraceHopRecorder;

/**
 * What the diagnostics appender of either logging engine does with a line: a line without
 * a trace id is a break point, unless its thread is {@link OutsideTracedWork} (a server's
 * own lines before a request's id exists, a Kafka consumer's between records) or it is
 * Kafka's own line on a Kafka thread ({@link KafkaOwnLines}), both counted apart; a line
 * with one tells the hop recorder where the id was seen.
 */
final class TraceDiagnostics {

	private final LinesWithoutTraceId breakPoints;

	private final TraceHopRecorder hops;

	private final KafkaOwnLines kafkaOwnLines = new KafkaOwnLines();

	TraceDiagnostics(LinesWithoutTraceId breakPoints, TraceHopRecorder hops) {
		this.breakPoints = breakPoints;
		this.hops = hops;
	}

	<E> void seen(LogEventReader<E> reader, E event) {
		String traceId = reader.traceId(event);
		if (traceId == null && (OutsideTracedWork.isCurrent() || this.kafkaOwnLines.isCurrent(reader.logger(event)))) {
			this.breakPoints.recordOutsideTracedWork();
		}
		else if (traceId == null) {
			this.breakPoints.record(reader.logger(event), reader.thread(event), String.valueOf(reader.message(event)),
					reader.instant(event));
		}
		else {
			this.hops.logged(traceId, reader.logger(event));
		}
	}

}
