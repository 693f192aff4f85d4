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
	CompletableFuture<String> prepare(String tag) {
		Hop.ASYNC.log(tag);
		return CompletableFuture.completedFuture(this.inventory.reserve(tag));
	}

}
