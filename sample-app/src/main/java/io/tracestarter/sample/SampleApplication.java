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

package io.tracestarter.sample;

import java.io.PrintStream;
import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.scheduling.annotation.EnableAsync;

/**
 * A WebFlux service whose only tracing setup is the trace-starter dependency. One request
 * crosses HTTP, Reactor, {@code @Async}, gRPC, Kafka and an outbound HTTP call. With
 * {@code --demo} it sends itself a request, prints the hops it saw and exits.
 */
@SpringBootApplication
@EnableAsync
public class SampleApplication {

	public static void main(String[] args) {
		if (Arrays.asList(args).contains("--demo")) {
			System.exit(demo(args, System.out));
		}
		SpringApplication.run(SampleApplication.class, args);
	}

	/**
	 * Run the demo: start with the {@code demo} profile (the broker's and the clients'
	 * own loggers at WARN), check every hop of one order, stop, then print the report, so
	 * that it is what the command ends with.
	 * @param args the command-line arguments
	 * @param out where the report goes
	 * @return the exit code
	 */
	static int demo(String[] args, PrintStream out) {
		SpringApplication application = new SpringApplication(SampleApplication.class);
		application.setAdditionalProfiles("demo");
		ConfigurableApplicationContext context = application.run(args);
		Demo.Result result = new Demo(context).run();
		int exitCode = SpringApplication.exit(context, result::exitCode);
		out.print(result.report());
		out.flush();
		return exitCode;
	}

	@Bean
	Inventory.Service inventoryService() {
		return new Inventory.Service();
	}

	@Bean
	ConcurrentKafkaListenerContainerFactory<Object, Object> batchFactory(
			ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
			ConsumerFactory<Object, Object> consumerFactory) {
		ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
		configurer.configure(factory, consumerFactory);
		factory.setBatchListener(true);
		return factory;
	}

}
