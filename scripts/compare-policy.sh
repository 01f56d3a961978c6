#!/usr/bin/env bash
# Checks that two privdiff builds read every policy the repository carries
# identically: `privdiff policy F` in JSON (both languages) and as a table, for
# the policies, seeds, pairs, examples, PDF and not-a-policy pages under
# testdata/. Any difference is printed and the exit code is 1. A speed change
# to the policy reader must leave this silent.
#
#   scripts/compare-policy.sh OLD-PRIVDIFF NEW-PRIVDIFF [MORE-POLICY-FILES...]
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 OLD-PRIVDIFF NEW-PRIVDIFF [MORE-POLICY-FILES...]" >&2
  exit 2
fi
old=$(realpath "$1")
new=$(realpath "$2")
shift 2
extra=()
for f in "$@"; do extra+=("$(realpath "$f")"); done
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

files=()
while IFS= read -r f; do files+=("$f"); done < <(
  find declared/testdata/policies declared/testdata/notpolicy declared/testdata/pdf \
    testdata/seeds testdata/pairs testdata/examples \
    -type f \( -name '*.txt' -o -name '*.md' -o -name '*.html' -o -name '*.htm' -o -name '*.pdf' \) \
    ! -name README.md ! -name SOURCES.md ! -name pair.md | sort)
files+=("${extra[@]}")

# run BIN FILE OUT: every output a user can get from the policy reader, with
# the exit code, so an error that changes is a difference too.
run() {
  local bin=$1 f=$2 out=$3
  {
    for lang in en zh; do
      echo "== json $lang"
      "$bin" policy "$f" --format json --lang "$lang" 2>&1 || echo "exit $?"
    done
    echo "== table"
    "$bin" policy "$f" --format table --lang en 2>&1 | cat || echo "exit $?"
  } >"$out"
}

diffs=0
for f in "${files[@]}"; do
  run "$old" "$f" "$tmp/old"
  run "$new" "$f" "$tmp/new"
  if ! cmp -s "$tmp/old" "$tmp/new"; then
    echo "DIFFERENT: $f"
    diff "$tmp/old" "$tmp/new" | head -20
    diffs=$((diffs + 1))
  fi
done
echo "${#files[@]} policies compared, $diffs different"
[ "$diffs" -eq 0 ]
