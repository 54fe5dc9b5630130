#!/usr/bin/env bash
# Time-boxed coverage-guided fuzzing of every decoder, for CI or by hand: each *FuzzTest target runs in a JVM of
# its own for SECONDS (default 60), one after the other, and the script fails when any target finds something.
# New crashing inputs land in fuzz/src/test/resources/dev/sluice/fuzz/<Target>Inputs/<method>/crash-*; the corpus
# a run grows stays in fuzz/.cifuzz-corpus/ (not committed). See docs/fuzzing.md.
# Usage: fuzz/run-fuzzing.sh [SECONDS] [TARGET-PATTERN]   e.g. fuzz/run-fuzzing.sh 600 OpenMetricsCursorFuzzTest
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

readonly SECONDS_PER_TARGET="${1:-60}"
readonly TARGETS="${2:-*FuzzTest}"

# The modules fuzz depends on are built, not tested again: -Dtest keeps their tests out, and unchecked.reads.skip
# the second run of some of them with bounds checks off (root pom).
exec ./mvnw -B -pl fuzz -am -Pfuzz verify \
  -Dtest="${TARGETS}" -Dsurefire.failIfNoSpecifiedTests=false -Dunchecked.reads.skip=true \
  -Dfuzz.seconds="${SECONDS_PER_TARGET}"
