#!/bin/sh
# Prints each policy source here to PDF with headless Chromium, as a user
# would with "Save as PDF" (default A4/Letter page, with Chromium's header
# and footer), for the PDF reader's tests. Needs chromium and
# fonts-noto-cjk (apt-get install -y chromium fonts-noto-cjk).
set -eu
cd "$(dirname "$0")"
for src in seed-001.txt; do
	profile=$(mktemp -d)
	chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
		--disable-component-update --no-first-run --disable-sync --user-data-dir="$profile" \
		--print-to-pdf="${src%.*}.pdf" "file://$PWD/$src"
	rm -rf "$profile"
done
