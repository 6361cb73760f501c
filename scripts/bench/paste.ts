/**
 * Paste import on the `large` lab host (2,000 ports, 10,000 flows, 300 namespaces): the outputs an
 * operator would paste for the whole host, fetched once over SSH with `# cmd` prompt lines, then
 * modelFromPaste timed warm (median). Target: 1,000 ms.
 */
import { readLabState } from '@/scripts/lab/lab';
import { labDir } from '@/scripts/lab/paths';
import { labSshTarget } from '@/scripts/lab/ssh-target';
import { modelFromPaste } from '@/server/core/paste/build';
import { SshPool } from '@/server/ssh';
import { timeMedian } from './collect';

/**
 * Every output paste import reads, for every bridge and namespace, each after its prompt line
 * (stderr too, as a terminal shows it). Fixed and read-only; sent on stdin.
 */
const PASTE_SCRIPT = `p() { echo "# $*"; "$@" 2>&1; }
p ovs-vsctl show
for b in $(ovs-vsctl list-br); do p ovs-ofctl show "$b"; p ovs-ofctl dump-flows "$b"; done
p ip addr
p ip route
p ip netns
for n in $(ip netns list | cut -d' ' -f1); do p ip netns exec "$n" ip addr; p ip -n "$n" route; done
`;

/** The target for importing the large host's pasted text. */
export const PASTE_TARGET_MS = 1000;

export interface PasteBenchResult {
  /** Median wall time of modelFromPaste over the whole paste, warm. */
  medianMs: number;
  ports: number;
  flows: number;
  /** Size of the paste. */
  bytes: number;
  /** Sections of the paste that could not be read (0 expected). */
  errors: number;
}

export async function benchPaste(opts: { host?: string; reads?: number } = {}): Promise<PasteBenchResult> {
  const name = opts.host ?? 'large';
  const host = readLabState()?.hosts.find((h) => h.name === name);
  if (!host) throw new Error(`lab host ${name} is not up (npm run lab -- up ${name})`);
  const pool = new SshPool({ agentSocket: undefined, sshConfigText: null, keyDirs: [labDir] });
  let text: string;
  try {
    const r = await pool.exec(labSshTarget(host), 'sh -s', { stdin: PASTE_SCRIPT, timeoutMs: 120_000 });
    if (r.code !== 0) throw new Error(`paste script on ${name} exited ${r.code}: ${r.stderr}`);
    text = r.stdout;
  } finally {
    pool.closeAll();
  }
  const read = () => modelFromPaste(text, { now: new Date(), host: name });
  const { model } = read(); // warm: JIT and the regular expressions
  const medianMs = timeMedian(read, Math.max(5, opts.reads ?? 7));
  return {
    medianMs,
    ports: model.ovs?.ports.length ?? 0,
    flows: model.ovs?.bridges.reduce((n, b) => n + (b.flows?.length ?? 0), 0) ?? 0,
    bytes: new TextEncoder().encode(text).length,
    errors: model.errors.length,
  };
}
