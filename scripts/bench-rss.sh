#!/usr/bin/env bash
# Peak memory of `privdiff scan` against the dex size of the app (issue 18:
# it must stay flat, under 60 MB). Repacks the real dex files of
# testdata/realapks and ApiDemos, over and over, into multidex APKs of about
# 7, 30, 116 and 233 MB of dex (deflated, as apps ship them) with ApiDemos'
# manifest, and prints the peak RSS of a scan of each (GNU time's %M).
#
#   scripts/bench-rss.sh [PRIVDIFF]     # default: builds ./cmd/privdiff
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/fetch-apidemos.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bin=${1:-}
if [ -z "$bin" ]; then
  bin=$tmp/privdiff
  go build -o "$bin" ./cmd/privdiff
fi
apidemos=testdata/external/ApiDemos-debug.apk
mkdir -p "$tmp/dex"
n=0
for apk in "$apidemos" testdata/realapks/*.apk; do
  for d in $(unzip -Z1 "$apk" 'classes*.dex'); do
    n=$((n + 1))
    unzip -p "$apk" "$d" >"$tmp/dex/$n.dex"
  done
done
sources=("$tmp"/dex/*.dex)

for target_mb in 7 30 116 233; do
  dir=$tmp/app-$target_mb
  mkdir -p "$dir"
  unzip -p "$apidemos" AndroidManifest.xml >"$dir/AndroidManifest.xml"
  total=0 i=0
  while [ "$total" -lt $((target_mb * 1000000)) ]; do
    src=${sources[$((i % ${#sources[@]}))]}
    size=$(stat -c %s "$src")
    # The last file is only taken when it brings the total closer.
    if [ "$i" -gt 0 ] && [ $((total + size - target_mb * 1000000)) -gt $((target_mb * 1000000 - total)) ]; then
      break
    fi
    i=$((i + 1))
    name=classes$i.dex
    [ "$i" -eq 1 ] && name=classes.dex
    cp "$src" "$dir/$name"
    total=$((total + size))
  done
  (cd "$dir" && zip -q -X -6 "$tmp/app-$target_mb.apk" AndroidManifest.xml classes*.dex)
  rss=$( { /usr/bin/time -f %M "$bin" scan "$tmp/app-$target_mb.apk" --format json >/dev/null; } 2>&1 | tail -1)
  printf '%4d MB of dex in %2d files (apk %4d MB): peak RSS %4d MB\n' \
    $((total / 1000000)) "$i" $(($(stat -c %s "$tmp/app-$target_mb.apk") / 1000000)) $((rss / 1024))
done
