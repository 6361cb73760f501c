#!/usr/bin/env bash
# `npm test`: the whole suite on a fresh Debian machine (root): system packages, npm deps, lint,
# typecheck, unit, lab integration and Playwright e2e. The lab is torn down however this ends.
set -euo pipefail
cd "$(dirname "$0")/.."
# No network here and no reason to phone home.
export NEXT_TELEMETRY_DISABLED=1

if [ "$(id -u)" -ne 0 ]; then
  echo "patchbay: the full suite needs root (it builds lab hosts with network namespaces, Open vSwitch and sshd)." >&2
  echo "patchbay: run 'sudo npm test', or 'npm run test:unit' for the pure tests only." >&2
  exit 1
fi

bash scripts/ensure-deps.sh system
bash scripts/ensure-deps.sh node

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
started=$(date +%s)

step lint
npm run --silent lint
step typecheck
npm run --silent typecheck
reports=.test-reports
rm -rf "$reports" && mkdir -p "$reports"
json() { echo "--reporter=default --reporter=json --outputFile.json=$reports/$1.json"; }

step "unit tests"
# shellcheck disable=SC2046
npx vitest run --project unit $(json unit)

cleanup() {
  local rc=$?
  step "lab down"
  npm run --silent lab -- down || { echo "patchbay: lab down failed; run 'npm run lab -- status'" >&2; rc=1; }
  # The promise of `lab down`: no lab namespace, veth or bridge is left (names from scripts/lab/state.ts).
  local left
  left=$(ip netns list | grep -E '^pblab-' ; ip -o link show | grep -oE ' (pblab0|pblv[0-9]+)[@:]' || true)
  if [ -n "$left" ]; then
    echo "patchbay: lab down left behind: $left" >&2
    rc=1
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step "lab up"
npm run --silent lab -- down
npm run --silent lab -- up openstack-aio compute kvm empty changes faulty
step "integration tests (lab)"
# shellcheck disable=SC2046
npx vitest run --project integration $(json integration)
step "build"
npx next build
step "e2e (Playwright, Debian Chromium)"
PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/e2e.json" npx playwright test --reporter=list,json

step summary
node scripts/test-summary.mjs "$reports/unit.json" "$reports/integration.json" "$reports/e2e.json"
step "all tests passed in $(( $(date +%s) - started ))s"
