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

import java.time.Instant;
import java.util.HexFormat;

import io.tracestarter.core.TraceIdValidator;

import org.springframework.core.env.Environment;

/**
 * The id written as {@code trace_id_fallback} on lines outside any traced work: the
 * {@code TRACE_ID} an init container left in the environment, else one id per process
 * derived from the pod's UID (or the process id) and the start time. It is the same for
 * every appender of the process and never written as {@code trace_id}.
 */
final class FallbackTraceId {

	private FallbackTraceId() {
	}

	static String of(Environment environment) {
		String provided = environment.getProperty("TRACE_ID");
		int maxLength = environment.getProperty("trace.id.max-length", Integer.class, 128);
		if (provided != null && new TraceIdValidator(Math.max(1, maxLength)).isValid(provided)) {
			return provided;
		}
		String podUid = environment.getProperty("POD_UID");
		String process = (podUid != null && !podUid.isBlank()) ? podUid : String.valueOf(ProcessHandle.current().pid());
		// The process's start time from the OS: unlike the JVM's management beans it
		// loads
		// nothing at start-up, which is when this runs.
		long startTime = ProcessHandle.current()
			.info()
			.startInstant()
			.map(Instant::toEpochMilli)
			.orElseGet(System::currentTimeMillis);
		return hash(process + "@" + startTime);
	}

	/**
	 * 128 bits from two FNV-1a lanes with different offsets, each finished by a 64-bit
	 * mixer: spreads similar seeds (pod UIDs differ in a few characters) over the whole
	 * id. Not a digest: the id only has to differ between processes, and a
	 * {@code MessageDigest} costs its provider's set-up at start-up.
	 */
	static String hash(String seed) {
		long high = 0xcbf29ce484222325L;
		long low = 0x84222325cbf29ce4L;
		for (int i = 0; i < seed.length(); i++) {
			char ch = seed.charAt(i);
			high = (high ^ ch) * 0x100000001b3L;
			low = (low ^ ch) * 0x100000001b3L;
		}
		HexFormat hex = HexFormat.of();
		return hex.toHexDigits(mix(high)) + hex.toHexDigits(mix(low ^ (high >>> 7)));
	}

	private static long mix(long value) {
		long z = value;
		z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
		z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
		return z ^ (z >>> 33);
	}

}
