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
# The server answers only to the Host names it knows (DNS-rebinding defence): loopback on this port
# unless PATCHBAY_ALLOWED_HOSTS names others (docs/security.md).
export PORT="${PORT:-3000}"
port="$PORT"
case "$bind" in
  127.*|localhost|::1) ;;
  *)
    echo "patchbay: WARNING: listening on $bind:$port — put it behind a TLS reverse proxy (docs/security.md)." >&2
    [ -n "${PATCHBAY_ALLOWED_HOSTS:-}" ] ||
      echo "patchbay: set PATCHBAY_ALLOWED_HOSTS to the name clients use, or every request gets 421." >&2
    ;;
esac
echo "patchbay: http://$bind:$port"
exec npx next start -H "$bind" -p "$port"
