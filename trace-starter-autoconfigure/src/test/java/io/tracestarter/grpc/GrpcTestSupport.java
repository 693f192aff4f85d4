package io.tracestarter.grpc;

import io.grpc.MethodDescriptor;

import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;

/**
 * Lets test applications of other packages serve the hand-built echo service.
 */
public final class GrpcTestSupport {

	public static final MethodDescriptor<String, String> UNARY = EchoGrpc.UNARY;

	private GrpcTestSupport() {
	}

	public static final class ServerPort implements ApplicationListener<GrpcServerStartedEvent> {

		private volatile int port;

		@Override
		public void onApplicationEvent(GrpcServerStartedEvent event) {
			this.port = event.getPort();
		}

		public int port() {
			return this.port;
		}

	}

	@Configuration(proxyBeanMethods = false)
	public static class EchoServiceConfiguration {

		@Bean
		EchoGrpc.Service echoService() {
			return new EchoGrpc.Service();
		}

		@Bean
		ServerPort grpcServerPort() {
			return new ServerPort();
		}

	}

}
