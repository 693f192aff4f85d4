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

package io.tracestarter.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Inbound id values that must all be rejected, as raw bytes: overlong values, every
 * control character, invalid UTF-8, JSON and log-injection fragments, Unicode line
 * separators, and the invalid {@code traceparent} forms of the W3C Trace Context
 * recommendation. Every value is at least 8 bytes and holds a marker, so a test can tell
 * whether it ever reached a log line.
 */
public final class HostileCorpus {

	/** Present in every value: output containing it means a value leaked. */
	public static final String MARKER = "zq7";

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String PARENT_ID = "00f067aa0ba902b7";

	private HostileCorpus() {
	}

	/**
	 * Values for {@code X-Trace-ID} (and any header source).
	 * @param maxLength the longest value the carrier accepts at all
	 * @return the values
	 */
	public static List<byte[]> idValues(int maxLength) {
		List<byte[]> values = new ArrayList<>();
		for (int length : new int[] { 129, 200, 512, 1024, 4096, 65_536, 1024 * 1024 }) {
			if (length <= maxLength) {
				values.add(ascii(MARKER + "a".repeat(length - MARKER.length())));
			}
		}
		for (int ch = 0; ch < 0x20; ch++) {
			values.add(ascii(MARKER + "ctl" + (char) ch + "x" + ch));
		}
		values.add(ascii(MARKER + "del\u007fx"));
		for (char ch = 0x20; ch < 0x7f; ch++) {
			boolean allowed = Character.isLetterOrDigit(ch) || "-_.:".indexOf(ch) >= 0;
			if (!allowed) {
				values.add(ascii(MARKER + "printable" + ch + "x"));
			}
		}
		for (String fragment : new String[] { "\"", "'", "\\", "{", "}", "[", "]", ",", ";", "=", "/", "?", "#",
				"%0d%0a", "<", ">", "`", "$(", "|", "&", "!", "*", "+", "~", "^", "@", " " }) {
			values.add(ascii(MARKER + "in" + fragment + "jection"));
		}
		values.add(ascii(MARKER + "\",\"trace_id\":\"forged"));
		values.add(ascii("{\"trace_id\":\"" + MARKER + "forged\"}"));
		values.add(ascii(MARKER + "\r\nX-Injected: yes"));
		values.add(ascii(MARKER + "\nfake log line {\"level\":\"ERROR\"}"));
		values.add(utf8(MARKER + "line\u2028separator"));
		values.add(utf8(MARKER + "para\u2029separator"));
		values.add(utf8(MARKER + "nel\u0085x"));
		values.add(utf8(MARKER + "bom\ufeffx"));
		values.add(utf8(MARKER + "rtl\u202ex"));
		values.add(utf8(MARKER + "zero\u200bwidth"));
		values.add(utf8(MARKER + "émoji😀x"));
		values.add(utf8(MARKER + "ünïcödé"));
		for (int b : new int[] { 0x80, 0xbf, 0xc0, 0xc1, 0xf5, 0xfe, 0xff }) {
			values.add(concat(ascii(MARKER + "bad"), new byte[] { (byte) b, 'x', 'y' }));
		}
		values.add(concat(ascii(MARKER + "trunc"), new byte[] { (byte) 0xe2, (byte) 0x82 }));
		values.add(concat(ascii(MARKER + "overlong"), new byte[] { (byte) 0xc0, (byte) 0xaf }));
		values.add(concat(ascii(MARKER + "surrogate"), new byte[] { (byte) 0xed, (byte) 0xa0, (byte) 0x80 }));
		for (int i = 0; i < 20; i++) {
			values.add(ascii(MARKER + "space " + i));
		}
		for (int i = 0; i < 40; i++) {
			values.add(ascii(MARKER + ":" + "x".repeat(i % 5) + "\t" + i));
		}
		// A leading forbidden character: raw CR or LF split a value into header lines,
		// and
		// no piece of it may then pass as a valid id on its own.
		return values.stream().map((value) -> concat(ascii("%"), value)).toList();
	}

	/**
	 * Invalid {@code traceparent} values, each per the W3C parsing rules.
	 * @return the values
	 */
	public static List<String> traceparentValues() {
		List<String> values = new ArrayList<>();
		String valid = "00-" + TRACE_ID + "-" + PARENT_ID + "-01";
		values.add("ff-" + TRACE_ID + "-" + PARENT_ID + "-01");
		values.add("00-" + "0".repeat(32) + "-" + PARENT_ID + "-01");
		values.add("00-" + TRACE_ID + "-" + "0".repeat(16) + "-01");
		values.add("00-" + TRACE_ID.toUpperCase() + "-" + PARENT_ID + "-01");
		values.add("00-" + TRACE_ID + "-" + PARENT_ID.toUpperCase() + "-01");
		values.add("0A-" + TRACE_ID + "-" + PARENT_ID + "-01");
		values.add("00-" + TRACE_ID.substring(1) + "-" + PARENT_ID + "-01");
		values.add("00-" + TRACE_ID + "0-" + PARENT_ID + "-01");
		values.add("00-" + TRACE_ID + "-" + PARENT_ID.substring(1) + "-01");
		values.add("00-" + TRACE_ID + "-" + PARENT_ID + "-1");
		values.add("00-" + TRACE_ID + "-" + PARENT_ID + "-011");
		values.add("00-" + TRACE_ID + "-" + PARENT_ID + "-0g");
		values.add(valid + "-");
		values.add(valid + "-extra");
		values.add("01-" + TRACE_ID + "-" + PARENT_ID + "-01extra");
		values.add("00_" + TRACE_ID + "-" + PARENT_ID + "-01");
		values.add("00-" + TRACE_ID + "_" + PARENT_ID + "-01");
		values.add("00-" + TRACE_ID + "-" + PARENT_ID + "_01");
		values.add("0-" + TRACE_ID + "-" + PARENT_ID + "-01");
		values.add("000-" + TRACE_ID + "-" + PARENT_ID + "-01");
		values.add("00-" + TRACE_ID.replace('4', 'g') + "-" + PARENT_ID + "-01");
		values.add("00-" + TRACE_ID + "-" + PARENT_ID.replace('0', 'z') + "-01");
		values.add("");
		values.add("00");
		values.add("00-" + TRACE_ID);
		return values;
	}

	private static byte[] ascii(String value) {
		return value.getBytes(StandardCharsets.ISO_8859_1);
	}

	private static byte[] utf8(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] joined = new byte[first.length + second.length];
		System.arraycopy(first, 0, joined, 0, first.length);
		System.arraycopy(second, 0, joined, first.length, second.length);
		return joined;
	}

}
