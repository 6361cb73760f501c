#!/usr/bin/env bash
# Playwright's web server: a fresh data dir with the suite's three accounts (passwords from the
# environment, given on stdin as an operator would script it), then `next start`.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${PATCHBAY_DATA_DIR:?}" "${PORT:?}"
rm -rf "$PATCHBAY_DATA_DIR"
add() { printf '%s\n' "$3" | node scripts/patchbay.mjs user add "$1" --role "$2" --password-stdin; }
add admin admin "$PATCHBAY_E2E_ADMIN_PASSWORD"
add operator1 operator "$PATCHBAY_E2E_OPERATOR_PASSWORD"
add viewer1 viewer "$PATCHBAY_E2E_VIEWER_PASSWORD"
exec npx next start -H 127.0.0.1 -p "$PORT"
