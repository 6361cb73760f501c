import { createHash } from 'node:crypto';
import { collectHost } from '@/server/collect/collect-host';
import { CHECK_QUERY } from '@/server/collect/script';
import { shJoin } from '@/server/core/changes/shell-quote';
import type { OvsState } from '@/server/core/model';
import { parseOvsdb } from '@/server/core/parsers/ovsdb';
import { parseDpifShow } from '@/server/core/trace/dpif-show';
import type { ExecOptions, SshPool, SshTarget } from '@/server/ssh';

/**
 * What a trace needs besides `ofproto/trace` itself: `ovs-appctl dpif/show` (port numbers) and the
 * OVSDB read (port VLAN settings), each its own exec beside the trace's.
 *
 * The OVSDB read is `ovsdb-client transact` run directly with the scoped read's query
 * (CHECK_QUERY), not the scoped read's script: the same answer for a fraction of the work on the
 * host. Anything but a clean answer falls back to the scoped read itself, so the model is the one
 * `collectHost` gives in every case.
 *
 * dpif/show is reused while nothing it shows can have changed: on a 2-core host a third OVS tool
 * process per trace costs as much as the trace (docs/performance.md, Trace). Its output (datapath
 * port numbers, names, types, options) changes only when vswitchd (re)adds ports: when it restarts,
 * or when OVSDB's bridges, ports or interfaces change. So each OVSDB read also returns vswitchd's
 * pid (from its pidfile, read by the shell: no process) and every interface's OpenFlow number and
 * ifindex (a port OVS had to re-add, a device that came back), and a kept dpif/show is used only
 * while pid and the whole answer stay the same. It is kept only after two reads of dpif/show under
 * one such state agree (vswitchd applies OVSDB changes a moment after they are committed). Without
 * a pid nothing is kept. What this cannot see: datapath ports deleted behind vswitchd's back
 * (`ovs-dpctl del-port`) and re-added under another number with nothing else changing.
 */

export interface TraceHelpers {
  /** `ovs-appctl dpif/show` (reused: code 0, its stdout, empty stderr). */
  dpif: { code: number | null; stdout: string; stderr: string };
  /** The OVSDB read's OVS state; null when it could not be read. */
  ovs: OvsState | null;
}

type Exec = Pick<ExecOptions, 'timeoutMs' | 'signal'>;

const OVSDB_ONLY = { ovsdb: true, flows: [], netns: false, namespaces: [] };
export const DPIF_SHOW = shJoin(['ovs-appctl', 'dpif/show']);

/** The scoped read's query, plus every interface's name, OpenFlow number and ifindex (for reuse). */
export const HELPER_QUERY = JSON.stringify([
  ...(JSON.parse(CHECK_QUERY) as unknown[]),
  { op: 'select', table: 'Interface', where: [], columns: ['name', 'ofport', 'ifindex'] },
]);

const PID_PREFIX = 'vswitchd ';

/**
 * vswitchd's pid from its pidfile where ovs-appctl finds it ($OVS_RUNDIR, the packaged default,
 * a source build's default), read with shell builtins; then the OVSDB answer. Fixed text and one
 * argument vector quoted by shJoin: nothing in it comes from a request.
 */
export const OVSDB_READ = `p=; for d in "\${OVS_RUNDIR:-/var/run/openvswitch}" /usr/local/var/run/openvswitch; do \
read -r p 2>/dev/null <"$d/ovs-vswitchd.pid"; [ -n "$p" ] && break; done
printf '%s\\n' "${PID_PREFIX}$p"
exec ${shJoin(['ovsdb-client', '-t', '10', 'transact', HELPER_QUERY])}`;

export interface OvsdbRead {
  ovs: OvsState | null;
  /** vswitchd's pid and a digest of the answer; null when this read is no basis for reuse. */
  state: string | null;
}

/**
 * The OVS state and reuse key of OVSDB_READ's output; null unless the answer is clean: exit 0,
 * the pid line, no `"error":` anywhere (the scoped script's rule for "a column is missing here,
 * read every column") and a parsed state. The first six results are the scoped query's, in one
 * transaction, so the state equals the scoped read's; parseOvsdb reads only those six.
 */
export function ovsdbReadOf(stdout: string, code: number | null): OvsdbRead | null {
  const nl = stdout.indexOf('\n');
  if (code !== 0 || nl < 0 || !stdout.startsWith(PID_PREFIX)) return null;
  const answer = stdout.slice(nl + 1);
  if (answer.includes('"error":')) return null;
  const ovs = parseOvsdb(answer).ovs;
  if (!ovs) return null;
  const pid = stdout.slice(PID_PREFIX.length, nl).trim();
  const digest = createHash('sha256').update(answer).digest('hex');
  return { ovs, state: /^\d+$/.test(pid) ? `${pid} ${digest}` : null };
}

/** The OVSDB read; on a failed connection or timeout, none (as the scoped read gave before). */
async function readOvsdb(pool: SshPool, target: SshTarget, exec: Exec): Promise<OvsdbRead> {
  const none = { ovs: null, state: null };
  let fast: OvsdbRead | null;
  try {
    const r = await pool.exec(target, OVSDB_READ, exec);
    fast = ovsdbReadOf(r.stdout, r.code);
  } catch {
    return none;
  }
  if (fast) return fast;
  try {
    return { ovs: (await collectHost(pool, target, { ...exec, scope: OVSDB_ONLY })).model.ovs, state: null };
  } catch {
    return none;
  }
}

/** What a dpif/show says about ports (the header's hit/missed counters left out). */
const portsOf = (dpif: string): string => JSON.stringify(parseDpifShow(dpif));

interface Kept {
  /** OvsdbRead.state the dpif/show was read under. */
  state: string;
  stdout: string;
  /** A second read under the same state agreed: the output may be reused. */
  confirmed: boolean;
}

const MAX_HOSTS = 256;
const kept = new WeakMap<SshPool, Map<string, Kept>>();

/** One entry per host and connection settings (a host edited to point elsewhere starts afresh). */
const hostKey = (t: SshTarget): string =>
  JSON.stringify([t.id, t.address, t.port ?? null, t.sshConfigAlias ?? null, t.jumpHost ?? null]);

/** dpif/show and the OVSDB read for one trace, reusing dpif/show as described above. */
export async function traceHelpers(pool: SshPool, target: SshTarget, exec: Exec): Promise<TraceHelpers> {
  let hosts = kept.get(pool);
  if (!hosts) {
    hosts = new Map();
    kept.set(pool, hosts);
  }
  const key = hostKey(target);
  const entry = hosts.get(key);
  const runDpif = () => pool.exec(target, DPIF_SHOW, exec);
  // Only a confirmed entry can spare the third exec; it is checked once the OVSDB read is back.
  const [read, early] = await Promise.all([
    readOvsdb(pool, target, exec),
    entry?.confirmed ? null : runDpif(),
  ]);
  const same = entry !== undefined && read.state !== null && entry.state === read.state;
  if (!early && same && entry) return { dpif: { code: 0, stdout: entry.stdout, stderr: '' }, ovs: read.ovs };
  const dpif = early ?? (await runDpif());
  hosts.delete(key);
  if (dpif.code === 0 && read.state !== null) {
    const confirmed = same && entry !== undefined && portsOf(entry.stdout) === portsOf(dpif.stdout);
    hosts.set(key, { state: read.state, stdout: dpif.stdout, confirmed });
    if (hosts.size > MAX_HOSTS) hosts.delete(hosts.keys().next().value as string);
  }
  return { dpif, ovs: read.ovs };
}
