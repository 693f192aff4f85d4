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

package io.tracestarter.http;

import java.util.ArrayList;
import java.util.List;

/**
 * Inbound trace id values that must be rejected. Values that HTTP cannot carry at all
 * (raw CR/LF, bytes above 0xFF) are covered by the resolver's unit tests.
 */
final class HostileTraceIds {

	private HostileTraceIds() {
	}

	static List<String> values() {
		List<String> values = new ArrayList<>();
		values.add("a".repeat(129));
		values.add("b".repeat(4096));
		values.add("x\"y");
		values.add("{\"trace_id\":\"forged\"}");
		values.add("\",\"trace_id\":\"forged");
		values.add("id with spaces");
		values.add("id\twith-tab");
		values.add("<script>alert(1)</script>");
		values.add("id;drop table");
		values.add("id/slash");
		values.add("id\\backslash");
		values.add("id%0d%0aSet-Cookie:x");
		values.add("id,comma");
		values.add("id=equals");
		values.add("id@at");
		values.add("$(whoami)");
		values.add("`id`");
		values.add("id'quote");
		values.add("id|pipe");
		values.add("id#hash");
		values.add("id?query");
		values.add("id*star");
		values.add("[brackets]");
		values.add("id+plus");
		values.add("id!bang");
		values.add("id~tilde");
		// Invalid W3C traceparent values (sent as traceparent only).
		values.add("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
		values.add("00-00000000000000000000000000000000-00f067aa0ba902b7-01");
		values.add("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01");
		values.add("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01");
		values.add("00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01");
		values.add("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra");
		values.add("00-4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7-01");
		values.add("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g");
		return values;
	}

}
