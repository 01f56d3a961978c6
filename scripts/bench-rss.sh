#!/usr/bin/env bash
# Peak memory of `privdiff scan` against the dex size of the app (issue 18:
# it must stay flat, under 60 MB), on the multidex APKs of about 7, 30, 116
# and 233 MB of dex that scripts/repack-multidex.sh builds from the real dex
# files, and prints the peak RSS of a scan of each (GNU time's %M).
#
#   scripts/bench-rss.sh [PRIVDIFF]     # default: builds ./cmd/privdiff
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bin=${1:-}
if [ -z "$bin" ]; then
  bin=$tmp/privdiff
  go build -o "$bin" ./cmd/privdiff
fi
scripts/repack-multidex.sh "$tmp/apps" >"$tmp/list"
while read -r apk dex_mb files; do
  rss=$( { /usr/bin/time -f %M "$bin" scan "$apk" --format json >/dev/null; } 2>&1 | tail -1)
  printf '%4d MB of dex in %2d files (apk %4d MB): peak RSS %4d MB\n' \
    "$dex_mb" "$files" $(($(stat -c %s "$apk") / 1000000)) $((rss / 1024))
done <"$tmp/list"
