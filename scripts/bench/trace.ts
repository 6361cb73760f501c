/**
 * Trace bench (issue 14) on the `openstack-aio` lab host: the seed's trace (a broadcast from a
 * VLAN-1 access port of br-int, across the patch pair int-br-ex/phy-br-ex into br-ex; see
 * e2e/lab/trace.test.ts) through `runTrace` — request validation, the trace, the port numbers and
 * VLAN settings it needs, parsing and the path — against the bare command it needs, `ovs-appctl
 * ofproto/trace BR FLOW` (one call follows the packet across the patch pair), run with `pool.exec`
 * on the same pooled connection. The two alternate (which goes first alternates too), after one
 * warm-up each; the figures are medians. runTrace reuses dpif/show while the host's ports stay as
 * they were (server/trace/helpers.ts), so from the third trace on a host it runs two execs; what
 * the first trace's three cost is measured apart. Alone: `npx tsx scripts/bench/trace.ts` (the lab
 * host must be up). BENCH_TRACE_RUNS sets the runs (default 15).
 */
import { readLabState } from '@/scripts/lab/lab';
import { labDir } from '@/scripts/lab/paths';
import { labSshTarget } from '@/scripts/lab/ssh-target';
import { collectHost } from '@/server/collect/collect-host';
import { shJoin } from '@/server/core/changes/shell-quote';
import { type TraceRequest, traceArgv } from '@/server/core/trace';
import { SshPool } from '@/server/ssh';
import { runTrace } from '@/server/trace';
import { DPIF_SHOW, OVSDB_READ } from '@/server/trace/helpers';
import { median } from './collect';

export interface TraceBenchResult {
  host: string;
  runs: number;
  /** The traced packet, as `BRIDGE FLOW`. */
  trace: string;
  /** Bridges the path crosses (br-int, br-ex). */
  bridges: string[];
  /** Median of `ovs-appctl ofproto/trace` alone on the pooled connection. */
  bareMs: number;
  /** Median of runTrace on the same connection. */
  runTraceMs: number;
  /** runTraceMs / bareMs. */
  ratio: number;
  /**
   * The first trace on a host (nothing kept yet, server/trace/helpers.ts): the trace, dpif/show
   * and the OVSDB read as three execs at once, exec time only (median).
   */
  threeExecsMs: number;
  /** How many of the measured runTrace calls ran dpif/show (the rest reused it). */
  dpifRuns: number;
}

export const TRACE_TARGET_RATIO = 1.5;

export async function benchTrace(
  runs = Number(process.env.BENCH_TRACE_RUNS ?? 15),
): Promise<TraceBenchResult> {
  const host = readLabState()?.hosts.find((h) => h.name === 'openstack-aio');
  if (!host) throw new Error('lab host "openstack-aio" is not up');
  const pool = new SshPool({ agentSocket: undefined, sshConfigText: null, keyDirs: [labDir] });
  const target = labSshTarget(host, 'bench-trace');
  try {
    const model = (await collectHost(pool, target, { timeoutMs: 60_000 })).model;
    const port = model.ovs?.ports.find((p) => p.bridge === 'br-int' && p.tag === 1 && p.vlanMode === null);
    if (!port) throw new Error('openstack-aio has no VLAN-1 access port on br-int');
    const request: TraceRequest = {
      bridge: 'br-int',
      packet: { in_port: port.name, dl_src: 'fa:16:3e:00:00:01', dl_dst: 'ff:ff:ff:ff:ff:ff' },
    };
    const bare = shJoin(traceArgv(request));
    const runBare = async () => {
      const r = await pool.exec(target, bare, { timeoutMs: 30_000 });
      if (r.code !== 0) throw new Error(`ofproto/trace failed: ${r.stderr.trim()}`);
    };
    let dpifRuns = 0;
    const runFull = async () => {
      const exec = pool.exec.bind(pool);
      pool.exec = (t, command, opts) => {
        if (command === DPIF_SHOW) dpifRuns++;
        return exec(t, command, opts);
      };
      try {
        return await runTrace(pool, target, request);
      } finally {
        pool.exec = exec;
      }
    };
    const runThree = () =>
      Promise.all([
        pool.exec(target, bare, { timeoutMs: 30_000 }),
        pool.exec(target, DPIF_SHOW, { timeoutMs: 30_000 }),
        pool.exec(target, OVSDB_READ, { timeoutMs: 30_000 }),
      ]);
    // Warm-up: the connection is open already (the read above); this warms both code paths.
    await runBare();
    const path = await runFull();
    if (path.crossings[0]?.to.bridge !== 'br-ex') throw new Error('the seed trace did not cross into br-ex');
    const bareMs: number[] = [];
    const fullMs: number[] = [];
    const threeMs: number[] = [];
    dpifRuns = 0;
    const timed = async (f: () => Promise<unknown>, into: number[]) => {
      const t = performance.now();
      await f();
      into.push(performance.now() - t);
    };
    for (let i = 0; i < runs; i++) {
      if (i % 2 === 0) {
        await timed(runBare, bareMs);
        await timed(runFull, fullMs);
      } else {
        await timed(runFull, fullMs);
        await timed(runBare, bareMs);
      }
    }
    for (let i = 0; i < runs; i++) await timed(runThree, threeMs);
    const b = median(bareMs);
    const f = median(fullMs);
    return {
      host: host.name,
      runs,
      trace: `${request.bridge} ${traceArgv(request)[3]}`,
      bridges: [...new Set(path.hops.map((h) => h.bridge))],
      bareMs: b,
      runTraceMs: f,
      ratio: f / b,
      threeExecsMs: median(threeMs),
      dpifRuns,
    };
  } finally {
    pool.closeAll();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchTrace();
  console.log(`trace: ${r.host}, ${r.trace} (through ${r.bridges.join(', ')}), median of ${r.runs}`);
  console.table({
    'bare ovs-appctl ofproto/trace, pooled (ms)': r.bareMs.toFixed(1),
    'runTrace (ms)': r.runTraceMs.toFixed(1),
    'runTrace / bare': r.ratio.toFixed(2),
    [`runTrace ≤ ${TRACE_TARGET_RATIO}× bare`]: r.ratio <= TRACE_TARGET_RATIO,
    'first trace on a host: its three execs at once (ms)': r.threeExecsMs.toFixed(1),
    'measured traces that ran dpif/show': `${r.dpifRuns} of ${r.runs}`,
  });
}
