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

package io.tracestarter.compat;

import java.util.List;

/**
 * Spring MVC on Jetty, Tomcat absent from the classpath: the servlet configuration must
 * not touch a Tomcat type.
 */
class MvcOnJettyTests extends EveryHopTests {

	@Override
	String webServer() {
		return "JettyServletWebServer";
	}

	@Override
	List<String> absentClasses() {
		return List.of("org.apache.catalina.Valve", "org.apache.catalina.startup.Tomcat");
	}

}
