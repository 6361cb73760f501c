import { type LabHost, readLabState } from '@/scripts/lab/lab';
import { collectHost } from '@/server/collect/collect-host';
import { COLLECT_SCRIPT } from '@/server/collect/script';
import { parseCollection } from '@/server/core/parse-host';
import { knownHostsPolicy, SshPool, type SshTarget } from '@/server/ssh';

export interface CollectBenchOptions {
  /** Lab host to measure (default openstack-aio). */
  host?: string;
  /** Reads per measurement; medians are reported (at least 5). */
  reads?: number;
}

export interface CollectBenchRow {
  measure: string;
  medianMs: number;
  /** Median divided by the pooled `true` median. */
  vsPooledTrue: number;
  bytes: number | null;
}

export interface CollectBenchResult {
  host: string;
  reads: number;
  rows: CollectBenchRow[];
  concurrent: { hosts: number; wallMs: number; slowestMs: number; failed: number };
  peakRssMb: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

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

function targetOf(h: LabHost, id = h.name): SshTarget {
  return {
    id,
    name: h.name,
    address: h.address,
    port: h.port,
    user: 'root',
    auth: { method: 'key', keyPath: h.rootKeyPath },
    hostKeys: knownHostsPolicy(h.knownHostsPath, { acceptNew: false }),
  };
}

/**
 * Collect+parse cost for one lab host against bare `ssh host true` (pooled session and fresh
 * connection), plotnetcfg on the same host, parse alone, bytes, peak RSS, and every lab host
 * refreshed concurrently. Prints a table and returns the figures.
 */
export async function benchCollect(opts: CollectBenchOptions = {}): Promise<CollectBenchResult> {
  const state = readLabState();
  const hostName = opts.host ?? 'openstack-aio';
  const h = state?.hosts.find((x) => x.name === hostName);
  if (!state || !h) throw new Error(`lab host ${hostName} is not up (npm run lab -- up ${hostName})`);
  const reads = Math.max(5, opts.reads ?? 7);
  const pool = new SshPool({ agentSocket: undefined, sshConfigText: null });
  const target = targetOf(h);
  try {
    await pool.exec(target, 'true'); // warm the pooled session
    const pooledTrue = await timed(reads, () => pool.exec(target, 'true'));
    const freshTrue = await timed(reads, async () => {
      const once = new SshPool({ agentSocket: undefined, sshConfigText: null });
      try {
        return await once.exec(target, 'true');
      } finally {
        once.closeAll();
      }
    });
    const collectPooled = await timed(reads, () => collectHost(pool, target));
    const raw = await pool.exec(target, 'sh -s', { stdin: COLLECT_SCRIPT });
    const parseOnly = await timed(reads, async () =>
      parseCollection(raw.stdout, { host: h.name, collectedAt: new Date().toISOString() }),
    );
    const plotnetcfg = await timed(reads, () =>
      pool.exec(target, 'unshare -pf --mount-proc plotnetcfg -f json'),
    );

    const base = median(pooledTrue.ms);
    const row = (measure: string, ms: number[], bytes: number | null): CollectBenchRow => ({
      measure,
      medianMs: median(ms),
      vsPooledTrue: median(ms) / base,
      bytes,
    });
    const rows = [
      row('ssh true (pooled session)', pooledTrue.ms, pooledTrue.last.bytes),
      row('ssh true (fresh connection)', freshTrue.ms, freshTrue.last.bytes),
      row('collect+parse (pooled)', collectPooled.ms, collectPooled.last.bytes),
      row('parse only', parseOnly.ms, raw.bytes),
      row(
        'plotnetcfg -f json (pooled)',
        plotnetcfg.ms,
        plotnetcfg.last.code === 0 ? plotnetcfg.last.bytes : null,
      ),
    ];

    // Every lab host at once over fresh sessions, as refreshAll does after a restart.
    const all = state.hosts.map((x) => targetOf(x, `all:${x.name}`));
    const started = performance.now();
    const settled = await Promise.allSettled(
      all.map(async (t) => {
        const s = performance.now();
        await collectHost(pool, t, { timeoutMs: 30_000 });
        return performance.now() - s;
      }),
    );
    const concurrent = {
      hosts: all.length,
      wallMs: performance.now() - started,
      slowestMs: Math.max(0, ...settled.map((s) => (s.status === 'fulfilled' ? s.value : 0))),
      failed: settled.filter((s) => s.status === 'rejected').length,
    };
    const peakRssMb = process.resourceUsage().maxRSS / 1024;

    console.log(`\ncollect bench: ${h.name} (${h.address}), median of ${reads} reads`);
    console.table(
      rows.map((r) => ({
        measure: r.measure,
        'median ms': r.medianMs.toFixed(1),
        '× pooled true': r.vsPooledTrue.toFixed(1),
        bytes: r.bytes ?? 'n/a',
      })),
    );
    console.log(
      `concurrent refresh: ${concurrent.hosts} host(s) in ${concurrent.wallMs.toFixed(0)} ms (slowest ${concurrent.slowestMs.toFixed(0)} ms, ${concurrent.failed} failed); peak RSS ${peakRssMb.toFixed(0)} MB`,
    );
    return { host: h.name, reads, rows, concurrent, peakRssMb };
  } finally {
    pool.closeAll();
  }
}
