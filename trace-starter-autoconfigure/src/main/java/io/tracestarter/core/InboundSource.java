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

import java.util.Locale;

/**
 * One place an inbound trace id is looked up: {@code header:<name>}, {@code query:<name>}
 * or {@code traceparent} (the trace-id part of the W3C header).
 *
 * @since 0.1.0
 */
public final class InboundSource {

	private final Type type;

	private final String name;

	/** Used as a metric tag on every extracted id: made once, not per request. */
	private final String text;

	/** Sources are map keys on every extracted id (counters by source). */
	private final int hash;

	/**
	 * Create a source.
	 * @param type where to look
	 * @param name the header or query parameter name
	 */
	public InboundSource(Type type, String name) {
		this.type = type;
		this.name = name;
		this.text = (type == Type.TRACEPARENT) ? "traceparent" : type.prefix + ":" + name;
		this.hash = 31 * type.ordinal() + name.hashCode();
	}

	/**
	 * Return where this source looks.
	 * @return the type
	 */
	public Type type() {
		return this.type;
	}

	/**
	 * Return the header or query parameter name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Parse a source as written in {@code trace.id.sources}.
	 * @param value e.g. {@code header:X-Trace-ID}, {@code traceparent},
	 * {@code query:trace_id}
	 * @return the source
	 * @throws IllegalArgumentException when the value names no known source
	 */
	public static InboundSource of(String value) {
		String trimmed = value.trim();
		if (trimmed.equalsIgnoreCase("traceparent")) {
			return new InboundSource(Type.TRACEPARENT, "traceparent");
		}
		int colon = trimmed.indexOf(':');
		String prefix = (colon > 0) ? trimmed.substring(0, colon).toLowerCase(Locale.ROOT) : "";
		String name = (colon > 0) ? trimmed.substring(colon + 1).trim() : "";
		if (name.isEmpty() || !name.chars().allMatch(InboundSource::isTokenChar)) {
			throw invalid(value);
		}
		return switch (prefix) {
			case "header" -> new InboundSource(Type.HEADER, name);
			case "query" -> new InboundSource(Type.QUERY, name);
			default -> throw invalid(value);
		};
	}

	private static IllegalArgumentException invalid(String value) {
		return new IllegalArgumentException(
				"'" + value + "' is not a trace id source; use 'header:<name>', 'query:<name>' or 'traceparent'");
	}

	private static boolean isTokenChar(int ch) {
		return ch > 32 && ch < 127 && "()<>@,;:\\\"/[]?={}".indexOf(ch) < 0;
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof InboundSource source) && this.type == source.type && this.name.equals(source.name);
	}

	@Override
	public int hashCode() {
		return this.hash;
	}

	@Override
	public String toString() {
		return this.text;
	}

	/**
	 * Where a source looks.
	 */
	public enum Type {

		/**
		 * A request header (HTTP) or metadata key (gRPC), its value taken as is.
		 */
		HEADER("header"),

		/**
		 * A query parameter, HTTP only.
		 */
		QUERY("query"),

		/**
		 * The W3C {@code traceparent} header, its trace-id part.
		 */
		TRACEPARENT("traceparent");

		private final String prefix;

		Type(String prefix) {
			this.prefix = prefix;
		}

	}

}
