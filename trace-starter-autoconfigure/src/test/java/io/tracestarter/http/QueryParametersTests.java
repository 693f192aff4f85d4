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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written query parser: percent-decoding, {@code +}, malformed escapes, repeated
 * and missing names.
 */
class QueryParametersTests {

	@Test
	void theFirstValueOfANameIsFound() {
		assertThat(QueryParameters.first("a=1&trace_id=abc&b=2", "trace_id")).isEqualTo("abc");
		assertThat(QueryParameters.first("trace_id=first&trace_id=second", "trace_id")).isEqualTo("first");
	}

	@Test
	void namesAndValuesArePercentDecodedAndPlusIsASpace() {
		assertThat(QueryParameters.first("trace%5Fid=a%2Db", "trace_id")).isEqualTo("a-b");
		assertThat(QueryParameters.first("trace_id=a+b", "trace_id")).isEqualTo("a b");
	}

	@Test
	void aMalformedEscapeIsKeptRawForValidationToReject() {
		assertThat(QueryParameters.first("trace_id=ab%zz", "trace_id")).isEqualTo("ab%zz");
		assertThat(QueryParameters.first("trace_id=ab%", "trace_id")).isEqualTo("ab%");
	}

	@Test
	void onlyAsciiHexDigitsMakeAnEscape() {
		// Found by QueryParametersFuzzTests: URLDecoder alone read these as a line feed,
		// NUL and an underscore (Integer.parseInt takes a sign and full-width digits).
		assertThat(QueryParameters.first("trace_id=%+a", "trace_id")).isEqualTo("%+a");
		assertThat(QueryParameters.first("trace_id=%-0", "trace_id")).isEqualTo("%-0");
		assertThat(QueryParameters.first("trace%\uFF15\uFF26id=x", "trace_id")).isNull();
		assertThat(QueryParameters.first("trace%5Fid=%41%2b%2B", "trace_id")).isEqualTo("A++");
	}

	@Test
	void aNameWithoutValueGivesAnEmptyValue() {
		assertThat(QueryParameters.first("trace_id&x=1", "trace_id")).isEmpty();
		assertThat(QueryParameters.first("trace_id=", "trace_id")).isEmpty();
	}

	@Test
	void anAbsentNameOrQueryGivesNull() {
		assertThat(QueryParameters.first("a=1&b=2", "trace_id")).isNull();
		assertThat(QueryParameters.first("", "trace_id")).isNull();
		assertThat(QueryParameters.first(null, "trace_id")).isNull();
		assertThat(QueryParameters.first("&&=&", "trace_id")).isNull();
		assertThat(QueryParameters.first("xtrace_id=1", "trace_id")).isNull();
	}

}
