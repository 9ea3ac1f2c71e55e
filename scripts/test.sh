#!/usr/bin/env bash
# The whole test suite, as `npm test` and CI run it: lint, types, layer rules, unit tests, end-to-end.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n=== %s\n' "$*"; }
step "lint (biome)";          npx biome check .
step "types (tsc per runtime)"; npm run --silent typecheck
step "layer rules (dependency-cruiser)"; npm run --silent deps:check
step "unit tests (vitest)";   npx vitest run
step "benchmark smoke (MRS fit)"; npm run --silent bench:mrs -- --quick
step "end-to-end (playwright + chromium)"; bash scripts/e2e.sh
