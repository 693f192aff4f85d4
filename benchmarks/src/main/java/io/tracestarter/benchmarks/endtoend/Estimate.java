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

package io.tracestarter.benchmarks.endtoend;

/**
 * A mean over rounds with its 95% confidence interval (Student's t); no interval from a
 * single round.
 */
record Estimate(double mean, Double low, Double high) {

	// Two-sided 95% quantiles of Student's t for 1 to 30 degrees of freedom.
	private static final double[] T95 = { 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201,
			2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
			2.052, 2.048, 2.045, 2.042 };

	static Estimate of(double[] values) {
		int n = values.length;
		double mean = 0;
		for (double value : values) {
			mean += value / n;
		}
		if (n < 2) {
			return new Estimate(mean, null, null);
		}
		double squares = 0;
		for (double value : values) {
			squares += (value - mean) * (value - mean);
		}
		double t = (n - 1 <= T95.length) ? T95[n - 2] : 1.96;
		double half = t * Math.sqrt(squares / (n - 1) / n);
		return new Estimate(mean, mean - half, mean + half);
	}

	/** Round by round ratios: both variants of a round saw the same machine. */
	static Estimate ratio(double[] numerators, double[] denominators) {
		double[] ratios = new double[numerators.length];
		for (int i = 0; i < ratios.length; i++) {
			ratios[i] = numerators[i] / denominators[i];
		}
		return of(ratios);
	}

	static Estimate difference(double[] values, double[] baselines) {
		double[] differences = new double[values.length];
		for (int i = 0; i < differences.length; i++) {
			differences[i] = values[i] - baselines[i];
		}
		return of(differences);
	}

	String format(String pattern) {
		String mean = String.format(pattern, this.mean);
		if (this.low == null) {
			return mean;
		}
		return mean + " [" + String.format(pattern, this.low) + ", " + String.format(pattern, this.high) + "]";
	}

}
