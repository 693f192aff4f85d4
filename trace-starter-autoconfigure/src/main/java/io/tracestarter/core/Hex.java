package io.tracestarter.core;

/**
 * Lowercase hex encoding without the allocations of {@code String.format}.
 */
final class Hex {

	private static final char[] DIGITS = "0123456789abcdef".toCharArray();

	private Hex() {
	}

	static void write(long value, char[] target, int offset) {
		for (int i = 15; i >= 0; i--) {
			target[offset + i] = DIGITS[(int) (value & 0xF)];
			value >>>= 4;
		}
	}

}
