#!/usr/bin/env bash
# End-to-end tests: builds the app, serves it with `vite preview` and drives Debian's Chromium
# through Playwright (no browser download). Extra arguments go to `playwright test`.
set -euo pipefail
cd "$(dirname "$0")/.."
CHROMIUM_PATH="$(bash scripts/findChromium.sh)"
export CHROMIUM_PATH
echo "e2e: using $CHROMIUM_PATH ($("$CHROMIUM_PATH" --version 2>/dev/null || echo 'version unknown'))"
npx vite build --logLevel warn
npx playwright test "$@"
