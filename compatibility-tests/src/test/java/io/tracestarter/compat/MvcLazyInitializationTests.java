package io.tracestarter.compat;

import java.util.List;

import org.springframework.test.context.TestPropertySource;

/**
 * Spring MVC on Tomcat with {@code spring.main.lazy-initialization=true}: the beans that
 * install the starter's hooks are created at start-up all the same.
 */
@TestPropertySource(properties = "spring.main.lazy-initialization=true")
class MvcLazyInitializationTests extends EveryHopTests {

	@Override
	String webServer() {
		return "TomcatWebServer";
	}

	@Override
	List<String> absentClasses() {
		return List.of();
	}

}
