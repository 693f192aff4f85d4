package io.tracestarter.compat;

import java.util.List;

/**
 * WebFlux on Reactor Netty, with neither Spring MVC nor a servlet container on the
 * classpath.
 */
class WebFluxOnNettyTests extends EveryHopTests {

	@Override
	String webServer() {
		return "NettyWebServer";
	}

	@Override
	List<String> absentClasses() {
		return List.of("org.springframework.web.servlet.DispatcherServlet", "org.apache.catalina.Valve",
				"org.eclipse.jetty.server.Server");
	}

}
