#!/usr/bin/env bash
# Runs privdiff's whole test suite, first installing what the tests need:
# Debian's aapt, dexdump and apktool (reference tools the parsers are
# cross-checked against), chromium (renders the HTML report), the real
# ApiDemos APK and Microsoft's SARIF validator from npm; and PostgreSQL, for
# the results store (scripts/postgres.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
for tool in aapt dexdump apktool zipalign unzip chromium; do
  command -v "$tool" >/dev/null 2>&1 || need+=("$tool")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq apktool aapt dexdump zipalign unzip chromium fonts-noto-cjk >/dev/null
  elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq apktool aapt dexdump zipalign unzip chromium fonts-noto-cjk >/dev/null
  else
    echo "test.sh: missing ${need[*]}: install the Debian packages apktool aapt dexdump zipalign unzip chromium fonts-noto-cjk" >&2
    exit 1
  fi
fi

# A throwaway PostgreSQL server for the results store's tests (installed
# from Debian when missing); the same tests run on SQLite without it.
if [ -z "${PRIVDIFF_TEST_POSTGRES:-}" ]; then
  pgenv=$(scripts/postgres.sh start)
  eval "$pgenv"
  trap 'scripts/postgres.sh stop "$PRIVDIFF_PG_DIR"' EXIT
fi

scripts/fetch-apidemos.sh
scripts/fetch-sarif-validator.sh
go vet ./...
go test -count=1 ./... "$@"
# batch audits several apps at once: its tests run again under the race
# detector, which needs cgo and a C compiler (CC may be "ccache gcc").
cc=$(go env CC)
if [ "$(go env CGO_ENABLED)" = 1 ] && command -v "${cc%% *}" >/dev/null; then
  go test -race -count=1 ./batch "$@"
else
  echo "scripts/test.sh: cgo is off or there is no C compiler ($cc), so ./batch is not tested under the race detector" >&2
fi
