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

package io.tracestarter.actuate;

import java.util.HashSet;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the {@code tracecontext} endpoint, under Boot's prefix for an endpoint and
 * with the names Boot's {@code env} and {@code configprops} endpoints use for the same
 * question: who may see text that came from the application's log lines.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("management.endpoint.tracecontext")
public class TraceContextEndpointProperties {

	/**
	 * When to show the message text of break-point samples: 'never' (logger, thread,
	 * count and times only), 'when-authorized' (to an authenticated user in one of the
	 * roles), 'always'.
	 */
	private Show showValues = Show.NEVER;

	/**
	 * Roles that may see break-point messages with 'when-authorized'; empty means any
	 * authenticated user.
	 */
	private Set<String> roles = new HashSet<>();

	public Show getShowValues() {
		return this.showValues;
	}

	public void setShowValues(Show showValues) {
		this.showValues = showValues;
	}

	public Set<String> getRoles() {
		return this.roles;
	}

	public void setRoles(Set<String> roles) {
		this.roles = roles;
	}

}
