package io.tracestarter.compat;

import java.util.List;

/**
 * Spring MVC on Tomcat, Jetty absent from the classpath.
 */
class MvcOnTomcatTests extends EveryHopTests {

	@Override
	String webServer() {
		return "TomcatWebServer";
	}

	@Override
	List<String> absentClasses() {
		return List.of("org.eclipse.jetty.server.Server");
	}

}
