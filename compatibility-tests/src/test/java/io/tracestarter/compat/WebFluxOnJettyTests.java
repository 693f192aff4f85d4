package io.tracestarter.compat;

import java.util.List;

/**
 * WebFlux on Jetty, with neither Spring MVC, Tomcat nor Reactor Netty on the classpath.
 */
class WebFluxOnJettyTests extends EveryHopTests {

	@Override
	String webServer() {
		return "JettyWebServer";
	}

	@Override
	List<String> absentClasses() {
		return List.of("org.springframework.web.servlet.DispatcherServlet", "org.apache.catalina.Valve",
				"reactor.netty.http.server.HttpServer");
	}

}
