package io.tracestarter.compat;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCalls;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationListener;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;
import org.springframework.stereotype.Component;

/**
 * Calls the application's own gRPC server on loopback through Boot's channel factory, so
 * the starter's global client interceptor is the one that sends the id.
 */
@Component
class InventoryClient implements ApplicationListener<GrpcServerStartedEvent>, DisposableBean {

	private final GrpcChannelFactory channels;

	private volatile ManagedChannel channel;

	InventoryClient(GrpcChannelFactory channels) {
		this.channels = channels;
	}

	@Override
	public void onApplicationEvent(GrpcServerStartedEvent event) {
		this.channel = this.channels.createChannel("127.0.0.1:" + event.getPort());
	}

	String reserve(String tag) {
		return ClientCalls.blockingUnaryCall(this.channel, Inventory.RESERVE, CallOptions.DEFAULT, tag);
	}

	@Override
	public void destroy() {
		if (this.channel != null) {
			this.channel.shutdownNow();
		}
	}

}
