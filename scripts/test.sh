#!/usr/bin/env bash
# The whole test suite (`npm test`): installs the npm packages when missing (the Debian packages are
# installed by scripts/e2e.sh), then typecheck, lint, unit tests, build, e2e. Stops at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/ensure-deps.sh
source scripts/ensure-deps.sh
ensure_node_modules test

t0=$(date +%s)
section() {
  local name="$1"
  shift
  echo
  echo "================ $name ================"
  local s
  s=$(date +%s)
  if ! "$@"; then
    echo "================ $name: FAILED after $(($(date +%s) - s)) s ================" >&2
    exit 1
  fi
  echo "================ $name: ok ($(($(date +%s) - s)) s) ================"
}

section "typecheck" npm run --silent typecheck
section "lint" npm run --silent lint
section "unit tests" npm run --silent test:unit
section "build" npm run --silent build
section "e2e" npm run --silent test:e2e

echo
echo "All tests passed in $(($(date +%s) - t0)) s."
