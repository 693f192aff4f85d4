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

/**
 * What happened to a trace id at one hop.
 *
 * @since 0.1.0
 */
public enum HopEvent {

	/** The id entered the process. */
	IN("in"),

	/** The id was sent on. */
	OUT("out"),

	/** The id moved to another thread. */
	HOP("hop");

	private final String tag;

	HopEvent(String tag) {
		this.tag = tag;
	}

	/**
	 * Return the name used in JSON.
	 * @return the name
	 */
	public String tag() {
		return this.tag;
	}

}
