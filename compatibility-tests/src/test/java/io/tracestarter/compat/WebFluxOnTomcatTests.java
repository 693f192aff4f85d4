package io.tracestarter.compat;

import java.util.List;

/**
 * WebFlux on Tomcat, with neither Spring MVC nor Reactor Netty on the classpath (the
 * {@code WebClient} then uses the JDK's client).
 */
class WebFluxOnTomcatTests extends EveryHopTests {

	@Override
	String webServer() {
		return "TomcatWebServer";
	}

	@Override
	List<String> absentClasses() {
		return List.of("org.springframework.web.servlet.DispatcherServlet", "org.eclipse.jetty.server.Server",
				"reactor.netty.http.server.HttpServer");
	}

}
