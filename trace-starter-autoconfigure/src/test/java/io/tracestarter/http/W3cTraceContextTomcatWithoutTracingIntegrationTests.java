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

import io.tracestarter.app.W3cTestApplication;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The W3C Trace Context cases of {@link W3cTraceContextWithoutTracingIntegrationTests} on
 * a real Tomcat server, where the servlet filter reads the headers and a Boot-built
 * {@code RestClient} calls back.
 */
@SpringBootTest(classes = W3cTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=servlet")
class W3cTraceContextTomcatWithoutTracingIntegrationTests extends W3cTraceContextWithoutTracingIntegrationTests {

	@Override
	String servicePath() {
		return "/w3c/test-mvc";
	}

}
