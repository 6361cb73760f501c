#!/usr/bin/env bash
# Installs what Patchbay needs on a fresh Debian machine, only when it is missing.
#   ensure-deps.sh node      — node_modules from package-lock.json
#   ensure-deps.sh system    — Debian packages for the lab, tests and browser (needs root)
set -euo pipefail
cd "$(dirname "$0")/.."

ensure_node() {
  # Reinstall when node_modules is missing or older than the lock file.
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "patchbay: installing npm dependencies…"
    # `npm install`, not `npm ci`: the registry reachable here has not always served the
    # darwin/win32/musl builds of platform packages (biome, next-swc); a lock file written then
    # cannot list them and `npm ci` refuses it. `npm install` installs the locked versions either way.
    npm install --no-audit --no-fund
  fi
}

# command → Debian package that provides it
declare -A NEEDS=(
  [ovs-vsctl]=openvswitch-switch
  [ovsdb-server]=openvswitch-switch
  [sshd]=openssh-server
  [ssh]=openssh-client
  [ip]=iproute2
  [ping]=iputils-ping
  [chromium]=chromium
  [sudo]=sudo
  [nsenter]=util-linux
  [plotnetcfg]=plotnetcfg
  [virsh]=libvirt-clients
)

ensure_system() {
  local missing=()
  for cmd in "${!NEEDS[@]}"; do
    command -v "$cmd" >/dev/null 2>&1 || PATH="$PATH:/usr/sbin:/sbin" command -v "$cmd" >/dev/null 2>&1 ||
      missing+=("${NEEDS[$cmd]}")
  done
  # PostgreSQL's server binaries live off PATH (/usr/lib/postgresql/<major>/bin): team mode's tests
  # start a private cluster from them (scripts/pg/cluster.ts).
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
  [ ${#missing[@]} -eq 0 ] && return 0
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
  if [ "$(id -u)" -ne 0 ]; then
    echo "patchbay: missing Debian packages: ${missing[*]}" >&2
    echo "patchbay: run as root, or install them: apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "patchbay: installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

case "${1:-}" in
  node) ensure_node ;;
  system) ensure_system ;;
  *) echo "usage: $0 node|system" >&2; exit 2 ;;
esac
