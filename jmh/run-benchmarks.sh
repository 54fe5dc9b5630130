#!/usr/bin/env bash
# Builds jmh/target/benchmarks.jar through the Maven wrapper, runs the JMH suite with settings sized for a 2-core
# machine (one fork, single-threaded benchmarks, allocation and host speed profilers on), and prints the results as
# the Markdown table that docs/benchmarks.md takes.
#
#   jmh/run-benchmarks.sh                          # the whole suite (about 4 minutes)
#   jmh/run-benchmarks.sh TextParse -p input=ksm   # extra arguments go to JMH: a benchmark regex, -p, ...
#   JMH_SETTINGS="-f 1 -wi 1 -w 1s -i 1 -r 1s" jmh/run-benchmarks.sh   # a quick smoke run
#
# Results: jmh/target/jmh-result.json (raw JMH) and jmh/target/jmh-result.md (the table).
set -euo pipefail

jmh_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$jmh_dir")"
settings="${JMH_SETTINGS:--f 1 -wi 3 -w 2s -i 5 -r 2s}"

cd "$root"
./mvnw -B -q -pl jmh -am package -DskipTests

cd "$jmh_dir"
# shellcheck disable=SC2086 # the settings are a list of words on purpose
java -jar target/benchmarks.jar $settings -prof gc -prof dev.sluice.jmh.HostSpeedProfiler \
    -rf json -rff target/jmh-result.json "$@"
java -cp target/benchmarks.jar dev.sluice.jmh.report.ResultsTable target/jmh-result.json | tee target/jmh-result.md
