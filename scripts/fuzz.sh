#!/usr/bin/env bash
# Runs every Fuzz target of the module for a while each (default 10m), one
# after another. New crashers land in each package's testdata/fuzz/, where
# `go test` replays them; commit them with their fix. New inputs are minimised
# for at most 10 s each (the default minute stalls the run with 0 execs/s).
#
#   scripts/fuzz.sh [DURATION]     e.g. scripts/fuzz.sh 30s
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${1:-10m}
for pkg in $(go list ./...); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u); do
    echo "== $pkg $target ($fuzztime)"
    go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" -fuzzminimizetime 10s "$pkg" 2>&1 | tail -3
  done
done
