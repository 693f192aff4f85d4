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

package io.tracestarter.benchmarks;

import com.google.gson.JsonObject;

/**
 * A measured value with its confidence interval (low and high are NaN when unknown).
 */
record Interval(double value, double low, double high) {

	static Interval of(double value, double error) {
		return new Interval(value, value - error, value + error);
	}

	/** A value without an interval, such as JMH's bytes per operation. */
	static Interval exact(double value) {
		return new Interval(value, Double.NaN, Double.NaN);
	}

	/** An end-to-end estimate as written in {@code end-to-end.json}. */
	static Interval of(JsonObject estimate) {
		double mean = estimate.get("mean").getAsDouble();
		return new Interval(mean, estimate.has("low") ? estimate.get("low").getAsDouble() : Double.NaN,
				estimate.has("high") ? estimate.get("high").getAsDouble() : Double.NaN);
	}

	/** Errors of independent measurements add in quadrature. */
	Interval minus(Interval other) {
		return of(this.value - other.value, Math.hypot(error(), other.error()));
	}

	Interval plus(Interval other) {
		return of(this.value + other.value, Math.hypot(error(), other.error()));
	}

	Interval dividedBy(Interval other) {
		double ratio = this.value / other.value;
		return of(ratio, ratio * Math.hypot(error() / this.value, other.error() / other.value));
	}

	double error() {
		return (this.high - this.low) / 2;
	}

	String format(String pattern) {
		String value = String.format(pattern, this.value);
		if (Double.isNaN(this.low)) {
			return value;
		}
		return value + " [" + String.format(pattern, this.low) + ", " + String.format(pattern, this.high) + "]";
	}

}
