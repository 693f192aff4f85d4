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

package io.tracestarter.core;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code tracestate} rules of W3C Trace Context, section 3.3, one by one.
 */
class TracestateTests {

	@Test
	void noHeaderAndEmptyHeadersGiveNoList() {
		assertThat(Tracestate.combine(List.of())).isEmpty();
		assertThat(Tracestate.combine(List.of(""))).isEmpty();
		assertThat(Tracestate.combine(List.of(" , ,\t"))).isEmpty();
	}

	@Test
	void headersAreCombinedInTheOrderTheyArrived() {
		assertThat(Tracestate.combine(List.of("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE", "alpha=1", "beta=2")))
			.isEqualTo("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE,alpha=1,beta=2");
	}

	@Test
	void anEmptyHeaderBesideAValidOneIsDropped() {
		assertThat(Tracestate.combine(List.of("vendor=1", ""))).isEqualTo("vendor=1");
		assertThat(Tracestate.combine(List.of("", "vendor=1"))).isEqualTo("vendor=1");
	}

	@Test
	void whiteSpaceAroundMembersAndEmptyMembersAreDropped() {
		assertThat(Tracestate.combine(List.of("a=1 \t , \t b=2,\t \tc=3"))).isEqualTo("a=1,b=2,c=3");
		assertThat(Tracestate.combine(List.of("\t a=1 \t"))).isEqualTo("a=1");
		assertThat(Tracestate.combine(List.of("a=1,,b=2,"))).isEqualTo("a=1,b=2");
	}

	@Test
	void aValueKeepsItsInnerSpaces() {
		assertThat(Tracestate.combine(List.of("a=one two"))).isEqualTo("a=one two");
	}

	@Test
	void everyCharacterTheGrammarAllowsIsKept() {
		StringBuilder value = new StringBuilder();
		for (char ch = 0x20; ch <= 0x7e; ch++) {
			if (ch != ',' && ch != '=') {
				value.append(ch);
			}
		}
		String key = "abcdefghijklmnopqrstuvwxyz0123456789_-*/";
		String tenantKey = key + "@a-z0-9_-*/";
		assertThat(Tracestate.combine(List.of(key + "=" + value))).isEqualTo(key + "=" + value);
		assertThat(Tracestate.combine(List.of(tenantKey + "=" + value))).isEqualTo(tenantKey + "=" + value);
	}

	@Test
	void aListWithAnInvalidKeyIsDiscardedWhole() {
		assertThat(Tracestate.combine(List.of("good=1,Upper=2"))).isEmpty();
		assertThat(Tracestate.combine(List.of("good=1,dot.ted=2"))).isEmpty();
		assertThat(Tracestate.combine(List.of("spaced =1"))).isEmpty();
		assertThat(Tracestate.combine(List.of("@tenant=1,good=2"))).isEmpty();
		assertThat(Tracestate.combine(List.of("good=1", "=2"))).isEmpty();
		assertThat(Tracestate.combine(List.of("novalue"))).isEmpty();
	}

	@Test
	void keysWithAtSignsInsideAreValid() {
		assertThat(Tracestate.combine(List.of("tenant@=1,bar=2"))).isEqualTo("tenant@=1,bar=2");
		assertThat(Tracestate.combine(List.of("a@@b=1"))).isEqualTo("a@@b=1");
		assertThat(Tracestate.combine(List.of("a@b@c=1"))).isEqualTo("a@b@c=1");
	}

	@Test
	void aListWithAnInvalidValueIsDiscardedWhole() {
		assertThat(Tracestate.combine(List.of("a=b=c"))).isEmpty();
		assertThat(Tracestate.combine(List.of("a=,b=3"))).isEmpty();
		assertThat(Tracestate.combine(List.of("a=tab\tinside"))).isEmpty();
		assertThat(Tracestate.combine(List.of("a=caf\u00e9"))).isEmpty();
		assertThat(Tracestate.combine(List.of("a=line\r\nInjected: yes"))).isEmpty();
	}

	@Test
	void keysOf256CharactersAreKeptAndLongerOnesDiscardTheList() {
		String longest = "z".repeat(256);
		assertThat(Tracestate.combine(List.of("a=1", longest + "=1"))).isEqualTo("a=1," + longest + "=1");
		assertThat(Tracestate.combine(List.of("a=1", "z".repeat(257) + "=1"))).isEmpty();
		String tenant = "t".repeat(241) + "@" + "v".repeat(14);
		assertThat(Tracestate.combine(List.of(tenant + "=1"))).isEqualTo(tenant + "=1");
	}

	@Test
	void valuesOf256CharactersAreKeptAndLongerOnesDiscardTheList() {
		assertThat(Tracestate.combine(List.of("a=" + "v".repeat(256)))).isEqualTo("a=" + "v".repeat(256));
		assertThat(Tracestate.combine(List.of("a=" + "v".repeat(257)))).isEmpty();
	}

	@Test
	void thirtyTwoMembersAreKeptAndThirtyThreeDiscardTheList() {
		assertThat(Tracestate.combine(List.of(members(1, 10), members(11, 20), members(21, 30), members(31, 32))))
			.isEqualTo(members(1, 32));
		assertThat(Tracestate.combine(List.of(members(1, 10), members(11, 20), members(21, 30), members(31, 33))))
			.isEmpty();
	}

	@Test
	void aRepeatedKeyKeepsTheFirstMember() {
		assertThat(Tracestate.combine(List.of("a=1,a=2"))).isEqualTo("a=1");
		assertThat(Tracestate.combine(List.of("a=1", "a=1", "b=2"))).isEqualTo("a=1,b=2");
	}

	@Test
	void aListOver512CharactersLosesItsLongMembersFromTheEndFirst() {
		List<String> members = new ArrayList<>();
		members.add("first=" + "f".repeat(200));
		members.add("short=1");
		members.add("second=" + "s".repeat(200));
		members.add("third=" + "t".repeat(200));
		String combined = Tracestate.combine(List.of(String.join(",", members)));
		assertThat(combined).isEqualTo("first=" + "f".repeat(200) + ",short=1,second=" + "s".repeat(200));
		assertThat(combined.length()).isLessThanOrEqualTo(Tracestate.MAX_LENGTH);
	}

	@Test
	void aListOver512CharactersOfShortMembersLosesMembersFromTheEnd() {
		List<String> members = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			members.add("key" + (char) ('a' + (i % 26)) + i + "=" + "v".repeat(20));
		}
		String combined = Tracestate.combine(List.of(String.join(",", members)));
		assertThat(combined.length()).isLessThanOrEqualTo(Tracestate.MAX_LENGTH);
		assertThat(combined).startsWith(members.get(0) + ",").doesNotContain(members.get(29));
		assertThat(String.join(",", members)).startsWith(combined);
	}

	@Test
	void hostileInputIsNotScanned() {
		assertThat(Tracestate.combine(List.of("a=" + "v".repeat(100_000)))).isEmpty();
	}

	private static String members(int from, int to) {
		List<String> members = new ArrayList<>();
		for (int i = from; i <= to; i++) {
			members.add(String.format("bar%02d=%02d", i, i));
		}
		return String.join(",", members);
	}

}
