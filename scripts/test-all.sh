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
# Installing is the only step that reaches beyond this machine (the npm registry). Node 20 reads
# NODE_EXTRA_CA_CERTS and builds its TLS root store at every start, before any script runs:
# 50-100 ms of CPU per node process where the machine sets it (docs/performance.md "Cold CLI"),
# and every npx, vitest, Next.js, Playwright and CLI process of the suite is one. Nothing after
# this line makes a TLS connection.
unset NODE_EXTRA_CA_CERTS

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

# The API fuzz harness is CPU-bound and the lab stages below mostly wait on hosts, sshd and the
# browser: it runs beside them at the lowest priority, so it takes only the CPU they leave idle.
# Job control (set -m) gives it its own process group (group id = its pid), so an early exit ends
# all of it by pid. Not setsid: a new session is a new scheduler autogroup on Linux, and
# autogroups share the CPU equally whatever their nice, so the "lowest priority" fuzz took half
# of both cores from the e2e run beside it.
step "API fuzz (started in the background at low priority; its output follows the e2e)"
set -m
# shellcheck disable=SC2046
nice -n 19 npx vitest run --project fuzz $(json fuzz) >"$reports/fuzz.log" 2>&1 &
fuzz_pid=$!
set +m

cleanup() {
  local rc=$?
  if [ -n "${fuzz_pid:-}" ] && kill -0 "$fuzz_pid" 2>/dev/null; then
    kill -- "-$fuzz_pid" 2>/dev/null || true
  fi
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
# Types were checked in the typecheck step above (route types too); the build's own pass would
# repeat it (~40 s on two cores).
PATCHBAY_TYPECHECKED=1 npx next build
step "e2e (Playwright, Debian Chromium)"
PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/e2e.json" npx playwright test --reporter=list,json

step "API fuzz (output of the background run)"
fuzz_rc=0
wait "$fuzz_pid" || fuzz_rc=$?
fuzz_pid=
cat "$reports/fuzz.log"
if [ "$fuzz_rc" -ne 0 ]; then
  echo "patchbay: the API fuzz failed (exit $fuzz_rc); the run above says which procedure" >&2
  exit "$fuzz_rc"
fi

step summary
node scripts/test-summary.mjs "$reports/unit.json" "$reports/fuzz.json" "$reports/integration.json" "$reports/e2e.json"
step "all tests passed in $(( $(date +%s) - started ))s"
