#!/usr/bin/env bash
# Measures batch throughput on 40 real apps: a serial run (GOMAXPROCS=1,
# --jobs 1) against --jobs 2, and the cost of auditing each app in its own
# process (--isolate=false runs them in the batch's process). The 40 inputs
# are the repository's real APKs (testdata/realapks, testdata/pairs and
# ApiDemos from scripts/fetch-apidemos.sh), linked under 40 names, each with
# a real policy (a pair's own, else one of declared/testdata/policies).
# Runs are interleaved; the medians of wall time and of CPU time (user +
# system, children included) are printed: on a machine shared with other
# work, wall time alone says little.
#
#   scripts/bench-batch.sh [ROUNDS]     (default 3)
#   BIN=/tmp/old-privdiff scripts/bench-batch.sh   an older build, serial and --jobs 2 only
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
repo=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

apks=(testdata/realapks/*.apk testdata/pairs/*/app.apk)
[ -f testdata/external/ApiDemos-debug.apk ] && apks+=(testdata/external/ApiDemos-debug.apk)
policies=(declared/testdata/policies/*.txt declared/testdata/policies/*.md declared/testdata/policies/*.html)
mkdir -p "$work/in"
for i in $(seq 0 39); do
  a=${apks[$((i % ${#apks[@]}))]}
  name=$(printf 'app%02d-%s' "$i" "$(basename "$(dirname "$a")")-$(basename "$a" .apk)")
  ln -s "$repo/$a" "$work/in/$name.apk"
  if [ -f "$(dirname "$a")/policy.html" ]; then
    p="$(dirname "$a")/policy.html"
  else
    p=${policies[$((i % ${#policies[@]}))]}
  fi
  ln -s "$repo/$p" "$work/in/$name.${p##*.}"
done
if [ -n "${BIN:-}" ]; then
  cp "$BIN" "$work/privdiff"
  labels=(serial jobs2)
else
  go build -o "$work/privdiff" ./cmd/privdiff
  labels=(serial jobs2 serial-inprocess jobs2-inprocess)
fi

# run LABEL ENV... -- ARGS...: one timed batch, wall seconds appended to LABEL's file.
run() {
  local label=$1; shift
  local envs=()
  while [ "$1" != -- ]; do envs+=("$1"); shift; done; shift
  /usr/bin/time -f '%e %U %S' -o "$work/time" env "${envs[@]}" "$work/privdiff" batch "$work/in" \
    --out "$work/out-$label" --force --format jsonl "$@" >/dev/null 2>"$work/err"
  grep -q '40 apps, 40 audited' "$work/err" || { cat "$work/err" >&2; exit 1; }
  read -r wall user sys <"$work/time"
  echo "$wall" >>"$work/$label"
  echo "$user + $sys" | bc >>"$work/$label.cpu"
}
for r in $(seq "$rounds"); do
  run serial GOMAXPROCS=1 -- --jobs 1
  run jobs2 GOMAXPROCS=2 -- --jobs 2
  [ ${#labels[@]} = 2 ] && continue
  run serial-inprocess GOMAXPROCS=1 -- --jobs 1 --isolate=false
  run jobs2-inprocess GOMAXPROCS=2 -- --jobs 2 --isolate=false
done
median() { sort -n "$work/$1" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for label in "${labels[@]}"; do
  printf '%-18s wall %6.2f s  cpu %6.2f s  (walls: %s)\n' "$label" "$(median "$label")" "$(median "$label.cpu")" "$(tr '\n' ' ' <"$work/$label")"
done
printf 'speed-up --jobs 2 over serial: %.2fx\n' "$(echo "$(median serial) / $(median jobs2)" | bc -l)"
# When other work shares the machine, --jobs 2 may get less than two cores
# and its wall time says little; CPU time bounds the speed-up it would have
# on two free cores: 2 x serial CPU / --jobs 2 CPU.
printf 'CPU bound of the speed-up on two free cores: %.2fx\n' "$(echo "2 * $(median serial.cpu) / $(median jobs2.cpu)" | bc -l)"
[ ${#labels[@]} = 2 ] && exit 0
printf 'speed-up in process: %.2fx\n' "$(echo "$(median serial-inprocess) / $(median jobs2-inprocess)" | bc -l)"
printf 'cost of a process per app: %+.1f%% serial, %+.1f%% with --jobs 2\n' \
  "$(echo "($(median serial) / $(median serial-inprocess) - 1) * 100" | bc -l)" \
  "$(echo "($(median jobs2) / $(median jobs2-inprocess) - 1) * 100" | bc -l)"
