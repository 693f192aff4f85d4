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

import java.io.IOException;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Break-point samples hold real log text: over HTTP, on Tomcat, they are shown only to an
 * authenticated user in a configured role ({@code show-values=when-authorized}), and
 * masked for everyone else; by default ({@code never}) to no one.
 */
@SpringBootTest(classes = BreakPointSamplesShowValuesIntegrationTests.App.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet",
				"management.endpoints.web.exposure.include=tracecontext",
				"management.endpoint.tracecontext.show-values=when-authorized",
				"management.endpoint.tracecontext.roles=ops", "management.tracing.export.otlp.enabled=false",
				"management.otlp.metrics.export.enabled=false" })
class BreakPointSamplesShowValuesIntegrationTests {

	private static final String LOGGER = "show.values.probe";

	private static final String SECRET = "card 4111-1111 for customer 42";

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@LocalServerPort
	private int port;

	@BeforeEach
	void logALineWithoutAnId() {
		LoggerFactory.getLogger(LOGGER).info(SECRET);
	}

	@Test
	void anonymousCallersSeeTheGroupButNotItsText() {
		assertThat(probeGroup(null)).containsEntry("sample", "******")
			.containsEntry("logger", LOGGER)
			.containsKeys("threadGroup", "count", "first", "last");
	}

	@Test
	void anAuthenticatedUserWithoutTheRoleSeesNoText() {
		assertThat(probeGroup("alice:dev")).containsEntry("sample", "******");
	}

	@Test
	void anAuthenticatedUserInTheRoleSeesTheText() {
		assertThat(probeGroup("bob:ops")).containsEntry("sample", SECRET);
	}

	@Test
	void theDefaultIsNever() {
		TraceContextEndpointProperties defaults = new TraceContextEndpointProperties();
		SecurityContext operator = new SecurityContext() {

			@Override
			public Principal getPrincipal() {
				return () -> "bob";
			}

			@Override
			public boolean isUserInRole(String role) {
				return true;
			}

		};
		assertThat(defaults.getShowValues().isShown(operator, Set.of())).isFalse();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> probeGroup(String user) {
		RestClient client = RestClient.builder().baseUrl("http://127.0.0.1:" + this.port).build();
		return await().until(() -> {
			Map<String, Object> body = client.get().uri("/actuator/tracecontext").headers((headers) -> {
				if (user != null) {
					headers.set(TestAuthentication.HEADER, user);
				}
			}).retrieve().body(JSON);
			Map<String, Object> breakPoints = (Map<String, Object>) body.get("breakPoints");
			List<Map<String, Object>> groups = (List<Map<String, Object>>) breakPoints.get("groups");
			return groups.stream().filter((group) -> LOGGER.equals(group.get("logger"))).findFirst().orElse(null);
		}, (group) -> group != null);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		@Bean
		FilterRegistrationBean<TestAuthentication> testAuthentication() {
			FilterRegistrationBean<TestAuthentication> registration = new FilterRegistrationBean<>(
					new TestAuthentication());
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

	}

	/**
	 * Stands in for a security filter: {@code X-Test-User: name:role} authenticates the
	 * request as {@code name} in {@code role}, as a container's login would.
	 */
	static final class TestAuthentication implements Filter {

		static final String HEADER = "X-Test-User";

		@Override
		public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
				throws IOException, ServletException {
			String user = ((HttpServletRequest) request).getHeader(HEADER);
			if (user == null) {
				chain.doFilter(request, response);
				return;
			}
			String[] parts = user.split(":", 2);
			chain.doFilter(new HttpServletRequestWrapper((HttpServletRequest) request) {

				@Override
				public Principal getUserPrincipal() {
					return () -> parts[0];
				}

				@Override
				public boolean isUserInRole(String role) {
					return parts[1].equals(role);
				}

			}, response);
		}

	}

}
