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

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCalls;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationListener;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;
import org.springframework.stereotype.Component;

/**
 * Calls the sample's own gRPC server on loopback through a channel from Boot's channel
 * factory, so the starter's global client interceptor sends the id.
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

	String reserve(String item) {
		return ClientCalls.blockingUnaryCall(this.channel, Inventory.RESERVE, CallOptions.DEFAULT, item);
	}

	@Override
	public void destroy() {
		if (this.channel != null) {
			this.channel.shutdownNow();
		}
	}

}
