package io.tracestarter.logging;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
		long startTime = ManagementFactory.getRuntimeMXBean().getStartTime();
		return digest(process + "@" + startTime);
	}

	private static String digest(String seed) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
		}
	}

}
