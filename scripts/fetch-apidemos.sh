#!/usr/bin/env bash
# Fetches the real ApiDemos APK (android-apidemos@5.0.0 on npm) that the cross-check
# tests read, and verifies its sha256. Idempotent: does nothing when the file is there.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=testdata/external/ApiDemos-debug.apk
want=5e59f42af4e89200fe33eb82a7c2a2a9224947a8aeb9af6e21b77d40827f7cbc
if [ -f "$dest" ] && [ "$(sha256sum "$dest" | cut -d' ' -f1)" = "$want" ]; then
  exit 0
fi
mkdir -p testdata/external
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent android-apidemos@5.0.0 >/dev/null && tar xzf android-apidemos-5.0.0.tgz)
got=$(sha256sum "$tmp/package/apks/ApiDemos-debug.apk" | cut -d' ' -f1)
if [ "$got" != "$want" ]; then
  echo "fetch-apidemos: sha256 mismatch: got $got, want $want" >&2
  exit 1
fi
cp "$tmp/package/apks/ApiDemos-debug.apk" "$dest"
cp "$tmp/package/LICENSE" testdata/external/ApiDemos-LICENSE
