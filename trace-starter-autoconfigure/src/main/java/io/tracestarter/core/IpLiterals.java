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

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.jspecify.annotations.Nullable;

/**
 * Reads an address that must be an IP literal. With forwarded headers on, the servlet
 * container's remote address is whatever the client put in {@code X-Forwarded-For}:
 * {@link InetAddress#getByName} would resolve a host name there, a blocking lookup of the
 * client's choosing. Here only literal IPv4 (four decimal parts) and IPv6 addresses are
 * read, and no name is ever looked up; anything else is no address, which the trust
 * policy treats as untrusted.
 */
public final class IpLiterals {

	private IpLiterals() {
	}

	/**
	 * Read an IP literal.
	 * @param text the text
	 * @return the address, or {@code null} when the text is not an IPv4 or IPv6 literal
	 */
	public static @Nullable InetAddress parse(@Nullable String text) {
		if (text == null || text.isEmpty() || text.length() > 64) {
			return null;
		}
		return (text.indexOf(':') >= 0 || text.startsWith("[")) ? ipv6(text) : ipv4(text);
	}

	private static @Nullable InetAddress ipv4(String text) {
		String[] parts = text.split("\\.", -1);
		if (parts.length != 4) {
			return null;
		}
		byte[] bytes = new byte[4];
		for (int i = 0; i < 4; i++) {
			String part = parts[i];
			if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
				return null;
			}
			int value = 0;
			for (int j = 0; j < part.length(); j++) {
				char ch = part.charAt(j);
				if (ch < '0' || ch > '9') {
					return null;
				}
				value = value * 10 + (ch - '0');
			}
			if (value > 255) {
				return null;
			}
			bytes[i] = (byte) value;
		}
		return byAddress(bytes);
	}

	private static @Nullable InetAddress ipv6(String text) {
		String address = text;
		if (address.startsWith("[") && address.endsWith("]")) {
			address = address.substring(1, address.length() - 1);
		}
		int zone = address.indexOf('%');
		if (zone >= 0) {
			// The zone names a local interface; trust is decided by the address alone.
			if (!isZone(address.substring(zone + 1))) {
				return null;
			}
			address = address.substring(0, zone);
		}
		for (int i = 0; i < address.length(); i++) {
			char ch = address.charAt(i);
			boolean allowed = (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F')
					|| ch == ':' || ch == '.';
			if (!allowed) {
				return null;
			}
		}
		if (address.indexOf(':') < 0) {
			return null;
		}
		try {
			// In brackets the JDK reads an IPv6 literal or fails; it never looks a name
			// up.
			return InetAddress.getByName("[" + address + "]");
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	private static boolean isZone(String zone) {
		if (zone.isEmpty() || zone.length() > 32) {
			return false;
		}
		for (int i = 0; i < zone.length(); i++) {
			char ch = zone.charAt(i);
			if (!Character.isLetterOrDigit(ch) && ch != '.' && ch != '_' && ch != '-') {
				return false;
			}
		}
		return true;
	}

	private static @Nullable InetAddress byAddress(byte[] bytes) {
		try {
			return InetAddress.getByAddress(bytes);
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

}
