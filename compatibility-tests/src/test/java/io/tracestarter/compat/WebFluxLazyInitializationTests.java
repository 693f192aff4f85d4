package io.tracestarter.compat;

import java.util.List;

import org.springframework.test.context.TestPropertySource;

/**
 * WebFlux on Reactor Netty with {@code spring.main.lazy-initialization=true}: the beans
 * that install the starter's hooks are created at start-up all the same.
 */
@TestPropertySource(properties = "spring.main.lazy-initialization=true")
class WebFluxLazyInitializationTests extends EveryHopTests {

	@Override
	String webServer() {
		return "NettyWebServer";
	}

	@Override
	List<String> absentClasses() {
		return List.of("org.springframework.web.servlet.DispatcherServlet");
	}

}
