package io.tracestarter.benchmarks.endtoend.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The small WebFlux app of the end-to-end run. Its variants differ only by classpath
 * (and, for Micrometer Tracing, by the settings a user would add by hand), so this code
 * refers to no optional class. The driver runs it with {@code --server.port}.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class EndToEndApplication {

	public static void main(String[] args) {
		SpringApplication.run(EndToEndApplication.class, args);
	}

}
