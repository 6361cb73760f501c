#!/usr/bin/env bash
# `npm start`: install, build when sources changed, and serve the dashboard.
# Binds to 127.0.0.1 (Patchbay runs root commands on hosts); PATCHBAY_BIND or -H opens it wider.
set -euo pipefail
cd "$(dirname "$0")/.."
# No network here and no reason to phone home.
export NEXT_TELEMETRY_DISABLED=1

bind="${PATCHBAY_BIND:-127.0.0.1}"
port="${PORT:-3000}"
# `npm start -- -p 3918 -H 0.0.0.0` as with `next start`; anything else is refused, not ignored.
usage() {
  echo "usage: npm start [-- [-p|--port PORT] [-H|--hostname ADDRESS]]" >&2
  exit 2
}
while [ $# -gt 0 ]; do
  case "$1" in
    -p | --port) [ $# -ge 2 ] || usage; port="$2"; shift 2 ;;
    --port=*) port="${1#*=}"; shift ;;
    -H | --hostname) [ $# -ge 2 ] || usage; bind="$2"; shift 2 ;;
    --hostname=*) bind="${1#*=}"; shift ;;
    -h | --help) usage ;;
    *) echo "patchbay: unknown argument to npm start: $1" >&2; usage ;;
  esac
done
if ! [[ "$port" =~ ^[0-9]+$ ]] || [ "$port" -lt 1 ] || [ "$port" -gt 65535 ]; then
  echo "patchbay: the port must be a number from 1 to 65535, not \"$port\"" >&2
  exit 2
fi

bash scripts/ensure-deps.sh node
bash scripts/build-if-stale.sh

# The server answers only to the Host names it knows (DNS-rebinding defence): loopback on this port
# unless PATCHBAY_ALLOWED_HOSTS names others (docs/security.md). It reads the port from PORT.
export PORT="$port"
case "$bind" in
  127.* | localhost | ::1) ;;
  *)
    echo "patchbay: WARNING: listening on $bind:$port — put it behind a TLS reverse proxy (docs/security.md)." >&2
    [ -n "${PATCHBAY_ALLOWED_HOSTS:-}" ] ||
      echo "patchbay: set PATCHBAY_ALLOWED_HOSTS to the name clients use, or every request gets 421." >&2
    ;;
esac
echo "patchbay: http://$bind:$port"
exec npx next start -H "$bind" -p "$port"
