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

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Combines the {@code tracestate} headers of one request into the one list a participant
 * sends on, by the rules of W3C Trace Context (section 3.3): the headers are joined in
 * order, empty members and the optional white space around members are dropped, a list
 * with any invalid member or with more than 32 members is discarded whole, a key seen
 * again is dropped (the first stays), and a list longer than 512 characters loses its
 * members longer than 128 characters from the end first, then members from the end.
 * Nothing is invented: without valid input the result is empty.
 */
final class Tracestate {

	static final int MAX_MEMBERS = 32;

	static final int MAX_LENGTH = 512;

	private static final int LONG_MEMBER = 128;

	private static final int MAX_KEY = 256;

	private static final int MAX_VALUE = 256;

	/**
	 * Far beyond any list that can survive the limits; stops us scanning hostile input.
	 */
	private static final int MAX_INPUT = 8192;

	private Tracestate() {
	}

	/**
	 * Combine the {@code tracestate} headers of one request.
	 * @param headers the header values, in the order they arrived
	 * @return the list to send on, or {@code ""} when there is none or it was invalid
	 */
	static String combine(List<String> headers) {
		int total = 0;
		for (String header : headers) {
			total += header.length() + 1;
		}
		if (headers.isEmpty() || total > MAX_INPUT) {
			return "";
		}
		List<String> members = new ArrayList<>();
		Set<String> keys = new HashSet<>();
		for (String header : headers) {
			if (!addMembers(header, members, keys)) {
				return "";
			}
		}
		return (members.size() <= MAX_MEMBERS) ? join(shorten(members)) : "";
	}

	private static boolean addMembers(String header, List<String> members, Set<String> keys) {
		int from = 0;
		while (from <= header.length()) {
			int comma = header.indexOf(',', from);
			int to = (comma >= 0) ? comma : header.length();
			String member = trimOws(header, from, to);
			if (!member.isEmpty()) {
				int equals = keyEnd(member);
				if (equals < 0 || !isValue(member, equals + 1)) {
					return false;
				}
				if (keys.add(member.substring(0, equals))) {
					members.add(member);
				}
			}
			from = to + 1;
		}
		return true;
	}

	// key = ( lcalpha / DIGIT ) 0*255 ( lcalpha / DIGIT / "_" / "-" / "*" / "/" / "@" ),
	// the key grammar of Trace Context Level 2, which the W3C test suite checks.
	private static int keyEnd(String member) {
		int equals = member.indexOf('=');
		if (equals < 1 || equals > MAX_KEY || !isLowerAlphaOrDigit(member.charAt(0))) {
			return -1;
		}
		for (int i = 1; i < equals; i++) {
			char ch = member.charAt(i);
			if (!isLowerAlphaOrDigit(ch) && ch != '_' && ch != '-' && ch != '*' && ch != '/' && ch != '@') {
				return -1;
			}
		}
		return equals;
	}

	// value = 0*255( chr ) nblk-chr; chr = %x20 / nblk-chr; nblk-chr = %x21-2B / %x2D-3C
	// /
	// %x3E-7E (printable ASCII without ',' and '=').
	private static boolean isValue(String member, int from) {
		int length = member.length() - from;
		if (length < 1 || length > MAX_VALUE || member.charAt(member.length() - 1) == ' ') {
			return false;
		}
		for (int i = from; i < member.length(); i++) {
			char ch = member.charAt(i);
			if (ch < 0x20 || ch > 0x7e || ch == ',' || ch == '=') {
				return false;
			}
		}
		return true;
	}

	private static boolean isLowerAlphaOrDigit(char ch) {
		return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
	}

	private static String trimOws(String header, int from, int to) {
		while (from < to && isOws(header.charAt(from))) {
			from++;
		}
		while (to > from && isOws(header.charAt(to - 1))) {
			to--;
		}
		return header.substring(from, to);
	}

	private static boolean isOws(char ch) {
		return ch == ' ' || ch == '\t';
	}

	private static List<String> shorten(List<String> members) {
		for (int i = members.size() - 1; i >= 0 && joinedLength(members) > MAX_LENGTH; i--) {
			if (members.get(i).length() > LONG_MEMBER) {
				members.remove(i);
			}
		}
		while (joinedLength(members) > MAX_LENGTH) {
			members.remove(members.size() - 1);
		}
		return members;
	}

	private static int joinedLength(List<String> members) {
		int length = Math.max(0, members.size() - 1);
		for (String member : members) {
			length += member.length();
		}
		return length;
	}

	private static String join(List<String> members) {
		return String.join(",", members);
	}

}
