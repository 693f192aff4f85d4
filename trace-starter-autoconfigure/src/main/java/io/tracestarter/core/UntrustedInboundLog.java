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

package io.tracestarter.core;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the one line that links an untrusted caller's own id, kept in the field
 * {@code trace_id_inbound} (validated, never raw), to the id the starter used instead, so
 * support can still find a customer's reference.
 *
 * @since 0.1.0
 */
public final class UntrustedInboundLog {

	/** JSON field of the untrusted caller's id. */
	public static final String FIELD = "trace_id_inbound";

	private static final Logger logger = LoggerFactory.getLogger(UntrustedInboundLog.class);

	private UntrustedInboundLog() {
	}

	/**
	 * Log the replacement, if there was one; call it while the new id is current.
	 * @param resolved how the id was found
	 * @param layer the layer
	 */
	public static void logIfReplaced(TraceIdResolver.ResolvedTraceId resolved, String layer) {
		if (resolved.untrustedInbound() != null) {
			logger.atInfo()
				.addKeyValue(FIELD, resolved.untrustedInbound())
				.log("Inbound trace id from an untrusted {} peer replaced", layer);
		}
	}

}
