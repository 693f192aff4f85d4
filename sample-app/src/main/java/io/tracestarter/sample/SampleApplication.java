package io.tracestarter.sample;

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
		ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class, args);
		if (Arrays.asList(args).contains("--demo")) {
			int exitCode = new Demo(context).run();
			System.exit(SpringApplication.exit(context, () -> exitCode));
		}
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
