package io.tracestarter.sample;

import java.util.concurrent.CompletableFuture;

import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;

/**
 * The {@code @Async} step: runs on Boot's task executor and reserves the item over gRPC.
 */
@Service
class Preparation {

	private final InventoryClient inventory;

	Preparation(InventoryClient inventory) {
		this.inventory = inventory;
	}

	@Async
	public CompletableFuture<String> prepare(String item) {
		Hops.log("async", "preparing order for {}", item);
		return CompletableFuture.completedFuture(this.inventory.reserve(item));
	}

}
