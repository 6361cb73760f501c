/**
 * Lint bench (issue 14) on the `large` lab host (2,004 ports, 2,821 links, 301 namespaces, 10,004
 * flows): `lintHost` on the host's model, read once; the figure is the median of 7 calls after
 * the first call and 3 warm-up rounds (the first call is printed apart). Baseline in the same run,
 * measured the same way: drawing the live host's graph (`toElements`), the work every view of the
 * host already does.
 * Alone: `npx tsx scripts/bench/lint.ts` (the lab host must be up). BENCH_LINT_DUMP=path writes
 * the model read to that file (JSON), for profiling without the lab.
 */
import { writeFileSync } from 'node:fs';
import { readLabState } from '@/scripts/lab/lab';
import { labDir } from '@/scripts/lab/paths';
import { labSshTarget } from '@/scripts/lab/ssh-target';
import { collectHost } from '@/server/collect/collect-host';
import { toElements } from '@/server/core/graph';
import { lintHost } from '@/server/core/lint';
import { SshPool } from '@/server/ssh';
import { median, timeMedian } from './collect';

export interface LintBenchResult {
  ports: number;
  links: number;
  namespaces: number;
  flows: number;
  findings: number;
  /** Median of `runs` lintHost calls on the same model. */
  lintMs: number;
  /** Median of `runs` toElements calls on the same model (the baseline). */
  liveGraphMs: number;
  /** The first call of each in the process (V8 still compiling). */
  firstLintMs: number;
  firstGraphMs: number;
  runs: number;
}

export const LINT_TARGET_MS = 100;
/** Rounds (lintHost + toElements) run and not measured after the first calls. */
const WARM_UP = 3;

export async function benchLint(runs = 7): Promise<LintBenchResult> {
  const host = readLabState()?.hosts.find((h) => h.name === 'large');
  if (!host) throw new Error('lab host "large" is not up');
  const pool = new SshPool({ agentSocket: undefined, sshConfigText: null, keyDirs: [labDir] });
  try {
    const model = (await collectHost(pool, labSshTarget(host, 'bench-lint'), { timeoutMs: 120_000 })).model;
    if (process.env.BENCH_LINT_DUMP) writeFileSync(process.env.BENCH_LINT_DUMP, JSON.stringify(model));
    // The first calls run while V8 is still compiling (each is 3–6× a later one): reported
    // apart; WARM_UP more rounds, then the measured ones, the two alternating so a busy moment on
    // a shared machine hits both alike.
    let findings = 0;
    const firstLintMs = timeMedian(() => {
      findings = lintHost(model).length;
    }, 1);
    const firstGraphMs = timeMedian(() => toElements([model]), 1);
    for (let i = 0; i < WARM_UP; i++) {
      lintHost(model);
      toElements([model]);
    }
    const lint: number[] = [];
    const graph: number[] = [];
    for (let i = 0; i < runs; i++) {
      lint.push(timeMedian(() => lintHost(model), 1));
      graph.push(timeMedian(() => toElements([model]), 1));
    }
    return {
      ports: model.ovs?.ports.length ?? 0,
      links: model.namespaces.reduce((n, ns) => n + ns.links.length, 0),
      namespaces: model.namespaces.length,
      flows: (model.ovs?.bridges ?? []).reduce((n, b) => n + (b.flows?.length ?? 0), 0),
      findings,
      lintMs: median(lint),
      liveGraphMs: median(graph),
      firstLintMs,
      firstGraphMs,
      runs,
    };
  } finally {
    pool.closeAll();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchLint();
  console.log(
    `lint: large host (${r.ports} ports, ${r.links} links, ${r.namespaces} namespaces, ${r.flows} flows, ${r.findings} findings), median of ${r.runs}`,
  );
  console.table({
    'live graph, baseline (ms)': r.liveGraphMs.toFixed(1),
    'lintHost (ms)': r.lintMs.toFixed(1),
    'first calls in the process: lintHost / live graph (ms)': `${r.firstLintMs.toFixed(0)} / ${r.firstGraphMs.toFixed(0)}`,
    'lint / live graph': (r.lintMs / r.liveGraphMs).toFixed(2),
    [`lint ≤ ${LINT_TARGET_MS} ms`]: r.lintMs <= LINT_TARGET_MS,
  });
}
