#!/usr/bin/env bash
# Builds the benchmarks module and runs everything: the JMH suite, the end-to-end WebFlux
# load and the start-up times, then writes benchmarks/results/summary.md against the goals
# of issue #8. Options are passed on to RunAll; --quick is a short smoke run whose results
# go to benchmarks/target/quick-results.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl benchmarks -am package -DskipTests
exec java -cp benchmarks/target/benchmarks.jar io.tracestarter.benchmarks.RunAll "$@"
