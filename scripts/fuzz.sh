#!/usr/bin/env bash
# Runs every Fuzz target of the module for a while each (default 10m), one
# after another. New crashers land in each package's testdata/fuzz/, where
# `go test` replays them; commit them with their fix. New inputs are minimised
# for at most 10 s each (the default minute stalls the run with 0 execs/s).
# PARALLEL sets the fuzzing workers of each target (default: one per CPU); on
# a shared machine, PARALLEL=1 keeps to one core.
#
#   scripts/fuzz.sh [DURATION]          e.g. scripts/fuzz.sh 30s
#   PARALLEL=1 scripts/fuzz.sh 5m
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${1:-10m}
parallel=()
[ -n "${PARALLEL:-}" ] && parallel=(-parallel "$PARALLEL")
for pkg in $(go list ./...); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u); do
    echo "== $pkg $target ($fuzztime)"
    go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" -fuzzminimizetime 10s "${parallel[@]}" "$pkg" 2>&1 | tail -3
  done
done
