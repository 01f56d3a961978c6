#!/usr/bin/env bash
# Installs Microsoft's SARIF validator (npm @microsoft/sarif-multitool 5.7.0,
# MIT) into testdata/external/sarif-multitool, where the SARIF report test
# finds it. Idempotent: does nothing when the binary is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=testdata/external/sarif-multitool
bin=$dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
if [ -x "$bin" ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "fetch-sarif-validator.sh: npm is missing; install Node.js (apt-get install -y npm) to validate SARIF output" >&2
  exit 1
fi
mkdir -p "$dir"
npm install --silent --no-audit --no-fund --prefix "$dir" @microsoft/sarif-multitool@5.7.0 >/dev/null
# npm no longer runs the package's postinstall (chmod u+x) by default.
chmod u+x "$bin"
"$bin" --version >/dev/null 2>&1 || DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 "$bin" --version >/dev/null
