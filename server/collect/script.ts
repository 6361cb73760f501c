/**
 * The fixed, read-only collection script run once per host per refresh (`sh -s` or `sh -c`).
 * It never contains user input: namespace and bridge names are read on the host and only ever
 * passed as quoted arguments. A missing tool yields a section with rc≠0 and its stderr; the
 * script never aborts early.
 *
 * Stream format (`STREAM_VERSION`), one section per command:
 *
 *   @@PATCHBAY:STREAM v<STREAM_VERSION>@@
 *   @@PATCHBAY:BEGIN <part>[ <arg>]@@
 *   <stdout>
 *   @@PATCHBAY:STDERR@@            (only when the command wrote to stderr)
 *   <stderr>
 *   @@PATCHBAY:END <part>[ <arg>] rc=<exit status>@@
 *
 * A newline is always printed before the STDERR/END marker, so a body is the text between the
 * marker lines minus that one newline. Parts: hostname, ovsdb, ovs-version (`ovs-vswitchd
 * --version`: the database's ovs_version is empty where no init script recorded it), flows
 * <bridge>, netns, per namespace (arg omitted for the root namespace): `ip`, one `ip -batch`
 * whose JSON documents are the links, route4, route6 and rule4 parts (see IP_BATCH), and rule6;
 * then libvirt's `virsh` (the domain uuids; rc 127 and no stderr when virsh is not installed) and
 * `domain <uuid>` per domain (domstate, then dumpxml).
 *
 * Sections come in no fixed order. Cost matters on hosts with hundreds of namespaces: a namespace
 * costs two `ip` processes and no subshell, and the work runs in parallel workers — OVS in two
 * (the database and version; the bridges' flows, which need the bridge list first), libvirt in
 * one, the namespaces shared among up to four (one per CPU) — each writing its own file in a
 * temporary directory; the first worker streams to stdout and the others' files follow it. (The
 * OVS part in one worker was the longest: ovsdb, version, list-br and a dump per bridge in turn,
 * 52-61 ms of a 65-74 ms read of openstack-aio.)
 * Without a writable temporary directory everything runs in sequence and stderr is captured by a
 * subshell.
 */

import { STREAM_VERSION } from '@/server/core/parse-host';
import { IP_BATCH } from '@/server/core/parsers/ip-batch';
import { CHECK_COLUMNS, OVSDB_TABLES } from '@/server/core/parsers/ovsdb';
import { VIRSH_MAX_DOMAINS } from '@/server/core/parsers/virsh';

export { STREAM_VERSION };

/** Parts the script emits, in order; `flows` once per bridge, the namespace parts once per namespace. */
export const COLLECT_PARTS = [
  'hostname',
  'ovsdb',
  'ovs-version',
  'flows',
  'netns',
  ...IP_BATCH.map((c) => c.part),
  'rule6',
  'virsh',
  'domain',
] as const;
export type CollectPart = (typeof COLLECT_PARTS)[number];

// All columns of each table, so hosts with an older OVS schema still answer.
const OVSDB_QUERY = JSON.stringify([
  'Open_vSwitch',
  ...OVSDB_TABLES.map((table) => ({ op: 'select', table, where: [] })),
]);

/**
 * The scoped read's OVSDB query: only the columns the change engine's checks (and a trace) use.
 * The scoped script falls back to OVSDB_QUERY when the answer holds `"error":` (an older schema
 * without one of the columns); server/trace/helpers.ts runs it directly, with the same fallback.
 */
export const CHECK_QUERY = JSON.stringify([
  'Open_vSwitch',
  ...OVSDB_TABLES.map((table) => ({ op: 'select', table, where: [], columns: CHECK_COLUMNS[table] })),
]);

/** Every OpenFlow version, for bridges that refuse ovs-ofctl's default OpenFlow 1.0. */
const ALL_OF = 'OpenFlow10,OpenFlow11,OpenFlow12,OpenFlow13,OpenFlow14,OpenFlow15';

const BATCH = IP_BATCH.map((c) => c.command).join('\n');

/** In both scripts beside the OVSDB read, so a scoped read's `ovs.system` equals a full read's. */
const OVS_VERSION_SEC = "sec ovs-version '' ovs-vswitchd --version";

/** Shell functions both scripts share: sec (one section), flows, ovs_db, ovs_flows, ovs_parts, ns_parts. */
const PRELUDE = `PATH="$PATH:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
LC_ALL=C
export PATH LC_ALL
set -f
exec 3>&1
d=$(mktemp -d 2>/dev/null) || d=
if [ -n "$d" ]; then
  trap 'rm -rf "$d"' EXIT
  trap 'exit 129' HUP INT TERM PIPE
fi
t=\${d:+$d/e}
# sec PART ARG CMD...: stdout streams as is, stderr ($t, one file per worker) is printed after it.
sec() {
  p=$1; a=$2; shift 2
  h=$p; [ -n "$a" ] && h="$p $a"
  printf '@@PATCHBAY:BEGIN %s@@\\n' "$h"
  if [ -n "$t" ]; then
    "$@" 2>"$t"; r=$?
    printf '\\n'
    if [ -s "$t" ]; then
      printf '@@PATCHBAY:STDERR@@\\n'
      while IFS= read -r l || [ -n "$l" ]; do printf '%s\\n' "$l"; done <"$t"
    fi
  else
    e=$("$@" 2>&1 >&3 3>&-); r=$?
    printf '\\n'
    [ -n "$e" ] && printf '@@PATCHBAY:STDERR@@\\n%s\\n' "$e"
  fi
  printf '@@PATCHBAY:END %s rc=%d@@\\n' "$h" "$r"
}
flows() {
  ovs-ofctl -t 5 dump-flows --names "$1" 2>/dev/null || ovs-ofctl -t 5 -O ${ALL_OF} dump-flows --names "$1"
}
ovs_db() {
  sec ovsdb '' ovsdb-client -t 10 transact '${OVSDB_QUERY}'
  ${OVS_VERSION_SEC}
}
ovs_flows() {
  brs=$(ovs-vsctl -t 5 list-br 2>/dev/null)
  for b in $brs; do sec flows "$b" flows "$b"; done
}
ovs_parts() {
  ovs_db
  ovs_flows
}
# ns_parts NS: the ip parts of one namespace ("" = the root namespace, without -n).
ns_parts() {
  sec ip "$1" ip \${1:+-n} \${1:+"$1"} -json -details -force -batch - <<'BATCH'
${BATCH}
BATCH
  sec rule6 "$1" ip \${1:+-n} \${1:+"$1"} -json -details -6 rule show
}
# ns_share W N: the named namespaces W, W+N, W+2N, … of $nss.
ns_share() {
  i=0
  for s in $nss; do
    [ $((i % $2)) -eq "$1" ] && ns_parts "$s"
    i=$((i + 1))
  done
}
`;

/**
 * libvirt, read-only (`virsh -r`): a read never changes a domain, and LIBVIRT_AUTOSTART=0 keeps
 * virsh from starting a per-user session daemon on hosts without a running libvirtd. Each call is
 * bounded by timeout(1) where it exists, the first call that times out ends the part, and at most
 * VIRSH_MAX_DOMAINS domains are read.
 */
const VIRSH = `vsh() {
  if command -v timeout >/dev/null 2>&1; then LIBVIRT_AUTOSTART=0 timeout 10 virsh -r "$@"
  else LIBVIRT_AUTOSTART=0 virsh -r "$@"; fi
}
# virsh_list: every domain's uuid; exits 127 without a word when virsh is not installed.
virsh_list() {
  command -v virsh >/dev/null 2>&1 || return 127
  vsh list --all --uuid
}
vdom() { vsh domstate "$1" && vsh dumpxml "$1"; }
# virsh_parts: the list, then each domain while the list worked ($r is the rc sec just ran).
virsh_parts() {
  sec virsh '' virsh_list
  [ "$r" -eq 0 ] || return 0
  vn=0
  for u in $(virsh_list 2>/dev/null); do
    vn=$((vn + 1))
    [ "$vn" -gt ${VIRSH_MAX_DOMAINS} ] && break
    sec domain "$u" vdom "$u"
    # timeout(1) exits 124: a libvirtd that hangs would make every further call wait as long.
    [ "$r" -eq 124 ] && break
  done
}
`;

export const COLLECT_SCRIPT = `${PRELUDE}${VIRSH}printf '@@PATCHBAY:STREAM v${STREAM_VERSION}@@\\n'
sec hostname '' uname -n
nss=$(ip netns list 2>/dev/null | cut -d' ' -f1)
sec netns '' ip netns list
if [ -z "$d" ]; then
  ovs_parts
  virsh_parts
  ns_parts ''
  ns_share 0 1
else
  n=$(nproc 2>/dev/null) || n=1
  case $n in ''|*[!0-9]*) n=1 ;; esac
  [ "$n" -gt 4 ] && n=4
  (t=$d/e.ovs; ovs_db >"$d/o.ovs") &
  (t=$d/e.flo; ovs_flows >"$d/o.flo") &
  (t=$d/e.vir; virsh_parts >"$d/o.vir") &
  w=1
  while [ "$w" -lt "$n" ]; do
    (t=$d/e.$w; ns_share "$w" "$n" >"$d/o.$w") &
    w=$((w + 1))
  done
  ns_parts ''
  ns_share 0 "$n"
  wait
  cat "$d/o.ovs" "$d/o.flo" "$d/o.vir"
  w=1
  while [ "$w" -lt "$n" ]; do cat "$d/o.$w"; w=$((w + 1)); done
fi
`;

/**
 * The scoped read (server/collect/scoped.ts): the same sections, only those named by its
 * arguments — `ovsdb`, `flows:BRIDGE`, `netns`, `ns:NAME` (`ns:` = the root namespace). Names
 * arrive as quoted arguments (`sh -s -- …`) and are only ever used quoted. OVS parts run in a
 * worker beside the namespace parts.
 */
export const SCOPED_SCRIPT = `${PRELUDE}printf '@@PATCHBAY:STREAM v${STREAM_VERSION}@@\\n'
# ovsdb_check: the checks' columns; every column when this schema lacks one of them.
ovsdb_check() {
  o=$(ovsdb-client -t 10 transact '${CHECK_QUERY}') || return $?
  case $o in
    *'"error":'*) ovsdb-client -t 10 transact '${OVSDB_QUERY}' ;;
    *) printf '%s\\n' "$o" ;;
  esac
}
scoped_ovs() {
  for a in "$@"; do
    case $a in
      ovsdb)
        sec ovsdb '' ovsdb_check
        ${OVS_VERSION_SEC}
        ;;
      flows:*) sec flows "\${a#flows:}" flows "\${a#flows:}" ;;
    esac
  done
}
scoped_ns() {
  for a in "$@"; do
    case $a in
      netns) sec netns '' ip netns list ;;
      ns:*) ns_parts "\${a#ns:}" ;;
    esac
  done
}
if [ -n "$d" ]; then
  (t=$d/e.ovs; scoped_ovs "$@" >"$d/o.ovs") &
  scoped_ns "$@"
  wait
  cat "$d/o.ovs"
else
  scoped_ovs "$@"
  scoped_ns "$@"
fi
`;
