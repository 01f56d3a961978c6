#!/usr/bin/env bash
# Repacks the real dex files of testdata/realapks and ApiDemos, over and
# over, into multidex APKs of about the given sizes of dex (deflated, as apps
# ship them) with ApiDemos' manifest: OUTDIR/app-<MB>.apk, one line per APK
# on stdout ("<path> <MB of dex> <dex files>"). The large inputs of issue 18
# (peak memory flat in dex size; multidex audit at the inflate floor).
#
#   scripts/repack-multidex.sh OUTDIR [MB...]     (default: 7 30 116 233)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: scripts/repack-multidex.sh OUTDIR [MB...]}
shift
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(7 30 116 233)
scripts/fetch-apidemos.sh >/dev/null
mkdir -p "$out"
out=$(cd "$out" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
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

for target_mb in "${sizes[@]}"; do
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
  rm -f "$out/app-$target_mb.apk"
  (cd "$dir" && zip -q -X -6 "$out/app-$target_mb.apk" AndroidManifest.xml classes*.dex)
  echo "$out/app-$target_mb.apk $((total / 1000000)) $i"
done
