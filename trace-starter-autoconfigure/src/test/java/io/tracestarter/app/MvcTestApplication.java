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

package io.tracestarter.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * A servlet application with no trace, logging or propagation setting.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(MvcTestApplication.MvcController.class)
public class MvcTestApplication {

	@RestController
	static class MvcController {

		private static final Logger logger = LoggerFactory.getLogger(MvcController.class);

		private final RestClient.Builder restClientBuilder;

		private final RestTemplateBuilder restTemplateBuilder;

		private final WebServerApplicationContext context;

		MvcController(RestClient.Builder restClientBuilder, RestTemplateBuilder restTemplateBuilder,
				WebServerApplicationContext context) {
			this.restClientBuilder = restClientBuilder;
			this.restTemplateBuilder = restTemplateBuilder;
			this.context = context;
		}

		@GetMapping("/mvc/hello")
		String hello(@RequestParam(defaultValue = "x") String tag) {
			logger.info("mvc handler {}", tag);
			java.util.logging.Logger.getLogger("jul.caller").info("jul line " + tag);
			org.apache.logging.log4j.LogManager.getLogger("log4j.caller").info("log4j line {}", tag);
			org.apache.commons.logging.LogFactory.getLog("jcl.caller").info("jcl line " + tag);
			logger.atInfo().addKeyValue("order", 42).addKeyValue("tag", tag).log("mvc key values");
			return "hello " + tag;
		}

		@GetMapping("/mvc/outbound")
		String outbound() {
			String base = "http://127.0.0.1:" + this.context.getWebServer().getPort();
			String viaRestClient = this.restClientBuilder.baseUrl(base)
				.build()
				.get()
				.uri("/mvc/echo")
				.retrieve()
				.body(String.class);
			String viaRestTemplate = this.restTemplateBuilder.rootUri(base)
				.build()
				.getForObject("/mvc/echo", String.class);
			logger.info("mvc outbound done");
			return viaRestClient + "|" + viaRestTemplate;
		}

		@GetMapping("/mvc/echo")
		String echo(@RequestHeader(name = "X-Trace-ID", required = false) String traceId) {
			logger.info("mvc echo");
			return String.valueOf(traceId);
		}

		@GetMapping("/mvc/boom")
		String boom() {
			logger.info("mvc boom handler");
			throw new IllegalStateException("mvc boom");
		}

	}

}
