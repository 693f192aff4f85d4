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
