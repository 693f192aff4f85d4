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
