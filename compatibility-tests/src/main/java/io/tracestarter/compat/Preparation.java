package io.tracestarter.compat;

import java.util.concurrent.CompletableFuture;

import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;

/**
 * The {@code @Async} step on Boot's task executor; it calls the gRPC service.
 */
@Service
class Preparation {

	private final InventoryClient inventory;

	Preparation(InventoryClient inventory) {
		this.inventory = inventory;
	}

	@Async
	public CompletableFuture<String> prepare(String tag) {
		Hop.ASYNC.log(tag);
		return CompletableFuture.completedFuture(this.inventory.reserve(tag));
	}

}
