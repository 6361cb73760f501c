#!/usr/bin/env bash
# `npm start`: install, build when sources changed, and serve the dashboard.
# Binds to 127.0.0.1 (Patchbay runs root commands on hosts); PATCHBAY_BIND opens it wider.
set -euo pipefail
cd "$(dirname "$0")/.."
# No network here and no reason to phone home.
export NEXT_TELEMETRY_DISABLED=1
bash scripts/ensure-deps.sh node

bash scripts/build-if-stale.sh

bind="${PATCHBAY_BIND:-127.0.0.1}"
port="${PORT:-3000}"
case "$bind" in
  127.*|localhost|::1) ;;
  *) echo "patchbay: WARNING: listening on $bind:$port — anyone who reaches it can run commands on your hosts." >&2 ;;
esac
echo "patchbay: http://$bind:$port"
exec npx next start -H "$bind" -p "$port"
