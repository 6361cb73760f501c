import { spawn } from 'node:child_process';
import { type LabHost, readLabState } from '@/scripts/lab/lab';
import { labDir } from '@/scripts/lab/paths';
import { labSshTarget } from '@/scripts/lab/ssh-target';
import { collectHost } from '@/server/collect/collect-host';
import { COLLECT_SCRIPT } from '@/server/collect/script';
import { parseCollection } from '@/server/core/parse-host';
import { type PoolSettings, SshPool } from '@/server/ssh';

/** Lab hosts, lab keys (which live in .lab/, outside the default key dirs). */
const BENCH_POOL: Partial<PoolSettings> = { agentSocket: undefined, sshConfigText: null, keyDirs: [labDir] };

export interface CollectBenchOptions {
  /** Lab host to measure (default openstack-aio). */
  host?: string;
  /** Reads per measurement; medians are reported (at least 5). */
  reads?: number;
}

export interface CollectBenchRow {
  measure: string;
  medianMs: number;
  bytes: number | null;
}

export interface CollectBenchResult {
  host: string;
  reads: number;
  rows: CollectBenchRow[];
  /**
   * collect+parse divided by each baseline's median: over the pooled session (what a refresh in
   * the running app costs) and over a fresh connection (what a first read or the CLI costs, like
   * for like with a bare OpenSSH `ssh host true`, which also connects).
   */
  ratios: {
    vsPooledTrue: number;
    vsOpensshTrue: number;
    coldVsOpensshTrue: number;
    vsPlotnetcfg: number | null;
  };
  /** Median parse time alone and collect+parse time, for the targets. */
  collectParseMs: number;
  parseMs: number;
  bytes: number;
  /** What the model held on the last read (to see the host was really collected). */
  model: { namespaces: number; bridges: number; flows: number; errors: number };
}

export interface ConcurrentBenchResult {
  hosts: number;
  wallMs: number;
  slowestMs: number;
  failed: number;
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

/** Median wall time in ms of `n` calls of a synchronous function. */
export function timeMedian(f: () => unknown, n: number): number {
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    f();
    xs.push(performance.now() - t);
  }
  return median(xs);
}

async function timed<T>(n: number, fn: () => Promise<T>): Promise<{ ms: number[]; last: T }> {
  const ms: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    last = await fn();
    ms.push(performance.now() - t);
  }
  return { ms, last: last as T };
}

/** The OpenSSH client as a user would type it: a new process and a new connection each time. */
function opensshTrue(h: LabHost): Promise<void> {
  const args = [
    '-i',
    h.rootKeyPath,
    '-o',
    `UserKnownHostsFile=${h.knownHostsPath}`,
    '-o',
    'BatchMode=yes',
    '-p',
    String(h.port),
    `root@${h.address}`,
    'true',
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('ssh', args, { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`ssh true exited ${code}`))));
  });
}

function labHost(name: string): LabHost {
  const h = readLabState()?.hosts.find((x) => x.name === name);
  if (!h) throw new Error(`lab host ${name} is not up (npm run lab -- up ${name})`);
  return h;
}

/**
 * Collect+parse cost for one lab host against bare `ssh host true` (pooled ssh2 session, fresh
 * ssh2 connection, fresh OpenSSH process) and plotnetcfg on the same host; parse alone; bytes.
 */
export async function benchCollect(opts: CollectBenchOptions = {}): Promise<CollectBenchResult> {
  const h = labHost(opts.host ?? 'openstack-aio');
  const reads = Math.max(5, opts.reads ?? 7);
  const pool = new SshPool(BENCH_POOL);
  const target = labSshTarget(h);
  try {
    await pool.exec(target, 'true'); // warm the pooled session
    const pooledTrue = await timed(reads, () => pool.exec(target, 'true'));
    const freshTrue = await timed(reads, async () => {
      const once = new SshPool(BENCH_POOL);
      try {
        return await once.exec(target, 'true');
      } finally {
        once.closeAll();
      }
    });
    const openssh = await timed(reads, () => opensshTrue(h));
    const collect = await timed(reads, () => collectHost(pool, target));
    const coldCollect = await timed(reads, async () => {
      const once = new SshPool(BENCH_POOL);
      try {
        return await collectHost(once, target);
      } finally {
        once.closeAll();
      }
    });
    const raw = await pool.exec(target, 'sh -s', { stdin: COLLECT_SCRIPT });
    const parseOnly = await timed(reads, async () =>
      parseCollection(raw.stdout, { host: h.name, collectedAt: new Date().toISOString() }),
    );
    const plot = await timed(reads, () => pool.exec(target, 'unshare -pf --mount-proc plotnetcfg -f json'));
    const plotOk = plot.last.code === 0;

    const rows: CollectBenchRow[] = [
      { measure: 'ssh true (pooled ssh2 session)', medianMs: median(pooledTrue.ms), bytes: null },
      { measure: 'ssh true (fresh ssh2 connection)', medianMs: median(freshTrue.ms), bytes: null },
      { measure: 'ssh true (fresh OpenSSH process)', medianMs: median(openssh.ms), bytes: null },
      { measure: 'collect+parse (pooled)', medianMs: median(collect.ms), bytes: collect.last.bytes },
      {
        measure: 'collect+parse (fresh ssh2 connection)',
        medianMs: median(coldCollect.ms),
        bytes: coldCollect.last.bytes,
      },
      { measure: 'parse only', medianMs: median(parseOnly.ms), bytes: raw.bytes },
      {
        measure: 'plotnetcfg -f json (pooled)',
        medianMs: plotOk ? median(plot.ms) : Number.NaN,
        bytes: plotOk ? plot.last.bytes : null,
      },
    ];
    const m = collect.last.model;
    const collectParseMs = median(collect.ms);
    return {
      host: h.name,
      reads,
      rows,
      ratios: {
        vsPooledTrue: collectParseMs / median(pooledTrue.ms),
        vsOpensshTrue: collectParseMs / median(openssh.ms),
        coldVsOpensshTrue: median(coldCollect.ms) / median(openssh.ms),
        vsPlotnetcfg: plotOk ? collectParseMs / median(plot.ms) : null,
      },
      collectParseMs,
      parseMs: median(parseOnly.ms),
      bytes: collect.last.bytes,
      model: {
        namespaces: m.namespaces.length,
        bridges: m.ovs?.bridges.length ?? 0,
        flows: m.ovs?.bridges.reduce((n, b) => n + (b.flows?.length ?? 0), 0) ?? 0,
        errors: m.errors.length,
      },
    };
  } finally {
    pool.closeAll();
  }
}

/** The named lab hosts collected all at once from a cold pool, as a refresh after a restart does. */
export async function benchConcurrent(names: string[]): Promise<ConcurrentBenchResult> {
  const targets = names.map((n) => labSshTarget(labHost(n), `all:${n}`));
  const pool = new SshPool(BENCH_POOL);
  try {
    const started = performance.now();
    const settled = await Promise.allSettled(
      targets.map(async (t) => {
        const s = performance.now();
        await collectHost(pool, t, { timeoutMs: 30_000 });
        return performance.now() - s;
      }),
    );
    return {
      hosts: targets.length,
      wallMs: performance.now() - started,
      slowestMs: Math.max(0, ...settled.map((s) => (s.status === 'fulfilled' ? s.value : 0))),
      failed: settled.filter((s) => s.status === 'rejected').length,
    };
  } finally {
    pool.closeAll();
  }
}
