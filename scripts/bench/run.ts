/**
 * `npm run bench`: brings up the lab hosts it needs (openstack-aio, large and a fleet of 20),
 * measures collection (scripts/bench/collect.ts), the change engine, the editor, lint
 * (scripts/bench/lint.ts), traces (scripts/bench/trace.ts), snapshots and paste import
 * (scripts/bench/snapshots.ts, paste.ts) and graph rendering
 * (scripts/bench/graph.ts when present), prints tables, writes bench-results/latest.json and takes
 * down only the lab hosts it brought up itself. Env: BENCH_READS (default 7), BENCH_FLEET (spec,
 * default openstack-aio*20).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { labDown, labUp, readLabState } from '@/scripts/lab/lab';
import { parseSpec } from '@/scripts/lab/specs';
import { benchChanges } from './changes';
import { benchCli, CLI_TARGET_RATIO } from './cli';
import { benchCollect, benchConcurrent, type CollectBenchResult } from './collect';
import { benchEditor } from './editor';
import { benchLint } from './lint';
import { benchPaste, PASTE_TARGET_MS } from './paste';
import { benchSnapshots, SNAPSHOT_TARGETS } from './snapshots';
import { benchTrace } from './trace';

const TARGETS = {
  aioVsTrue: 1.3,
  largeMs: 2000,
  fleetMs: 3000,
  plan2000Ms: 100,
  applyVsBare: 1.5,
  overlayMs: 100,
  review500Ms: 500,
  lintMs: 100,
  traceVsBare: 1.5,
};
const reads = Number(process.env.BENCH_READS ?? 7);
const fleetSpec = process.env.BENCH_FLEET ?? 'openstack-aio*20';
const fleet = parseSpec(fleetSpec).map((h) => h.name);
const wanted = ['openstack-aio', 'large', 'changes', ...fleet];

const before = new Set(readLabState()?.hosts.map((h) => h.name) ?? []);
const broughtUp = wanted.filter((n) => !before.has(n));
const f1 = (x: number | null) => (x === null || Number.isNaN(x) ? 'n/a' : x.toFixed(1));
const f2 = (x: number) => x.toFixed(2);

function printCollect(r: CollectBenchResult): void {
  console.log(
    `\ncollect: ${r.host} (${r.model.namespaces} namespaces, ${r.model.bridges} bridges, ${r.model.flows} flows, ${r.model.errors} part errors), median of ${r.reads} reads`,
  );
  console.table(
    r.rows.map((x) => ({ measure: x.measure, 'median ms': f1(x.medianMs), bytes: x.bytes ?? '' })),
  );
  console.log(
    `collect+parse = ${f2(r.ratios.vsOpensshTrue)}× OpenSSH ssh true (pooled), ${f2(r.ratios.coldVsOpensshTrue)}× (fresh connection), ${f1(r.ratios.vsPooledTrue)}× a pooled exec of true, ${f1(r.ratios.vsPlotnetcfg)}× plotnetcfg`,
  );
}

try {
  console.log(`lab: bringing up ${wanted.length} host(s) (${broughtUp.length} new)…`);
  // Single hosts are measured before the fleet exists: 20 idle vswitchds still take CPU.
  await labUp(['openstack-aio', 'large']);
  const aio = await benchCollect({ host: 'openstack-aio', reads });
  printCollect(aio);
  const large = await benchCollect({ host: 'large', reads });
  printCollect(large);
  // The change engine, on its own lab host, before the fleet too.
  await labUp(['changes']);
  const changes = await benchChanges();
  // The editor's in-browser work, on the large host (up since the collect bench).
  const editor = await benchEditor();
  console.log(`\neditor: large host (${editor.ports} ports)`);
  console.table({
    'live graph, baseline (ms)': f1(editor.liveGraphMs),
    'one edit: desired model + plan + overlay graph (ms)': f1(editor.oneEditOverlayMs),
    'review of 500 edits: plan, text, commands (ms)': f1(editor.review500Ms),
    'one edit / live graph': f2(editor.oneEditOverlayMs / editor.liveGraphMs),
  });
  console.log(
    '\nchanges: plan of 2,000 edits, apply of 200 port additions vs one bare ovs-vsctl transaction',
  );
  console.table({
    'applyEdits, 2,000 edits (ms)': f1(changes.applyEdits2000Ms),
    'plan, 2,000 edits (ms)': f1(changes.plan2000Ms),
    'bare ovs-vsctl, 200 adds (ms)': f1(changes.bareTransactionMs),
    'apply, 200 adds: drift + execute + verify (ms)': f1(changes.applyMs),
    'apply, execute only (ms)': f1(changes.applyExecuteMs),
    'apply / bare': f2(changes.applyVsBare),
    'verify (ms)': f1(changes.verifyMs),
    'rollback of 200 adds (ms)': f1(changes.rollbackMs),
  });
  // Lint on the large host and a trace on openstack-aio, both up since the start; before the fleet.
  const lint = await benchLint();
  console.log(
    `\nlint: large host (${lint.ports} ports, ${lint.links} links, ${lint.namespaces} namespaces, ${lint.flows} flows, ${lint.findings} findings), median of ${lint.runs}`,
  );
  console.table({
    'live graph, baseline (ms)': f1(lint.liveGraphMs),
    'lintHost (ms)': f1(lint.lintMs),
    'first calls in the process: lintHost / live graph (ms)': `${f1(lint.firstLintMs)} / ${f1(lint.firstGraphMs)}`,
    'lint / live graph': f2(lint.lintMs / lint.liveGraphMs),
  });
  const trace = await benchTrace();
  console.log(
    `\ntrace: ${trace.host}, ${trace.trace} (through ${trace.bridges.join(', ')}), median of ${trace.runs}`,
  );
  console.table({
    'bare ovs-appctl ofproto/trace, pooled (ms)': f1(trace.bareMs),
    'runTrace (ms)': f1(trace.runTraceMs),
    'runTrace / bare': f2(trace.ratio),
    'first trace on a host: its three execs at once (ms)': f1(trace.threeExecsMs),
  });
  // Snapshots and paste import on the large host (issue 12).
  const snapshots = await benchSnapshots();
  console.log(`\nsnapshots: large host (${snapshots.ports} ports, ${snapshots.flows} flows), median of 7`);
  console.table({
    'live graph, baseline (ms)': f1(snapshots.liveGraphMs),
    'diff of two snapshots: compareModels (ms)': f1(snapshots.diffMs),
    'snapshots.compare, first call: load, decode, diff (ms)': f1(snapshots.compareStoredColdMs),
    'snapshots.compare, later calls (ms)': f1(snapshots.compareStoredMs),
    'bytes one more snapshot of the unchanged host adds': snapshots.unchangedBytes,
    '1,000 snapshots on disk (MB)': (snapshots.thousandBytes / 1e6).toFixed(2),
    'save, per snapshot (ms)': f1(snapshots.saveMs),
    'diff / live graph': f2(snapshots.diffMs / snapshots.liveGraphMs),
  });
  const cli = benchCli();
  console.log('\ncold CLI: patchbay snapshot of openstack-aio vs ssh host true, new processes, median of 7');
  console.table({
    'ssh host true (ms)': f1(cli.sshTrueMs),
    'patchbay snapshot, without NODE_EXTRA_CA_CERTS (ms)': f1(cli.cliMs),
    'snapshot / ssh true': f2(cli.ratio),
    ...(cli.withExtraCaCerts && {
      "patchbay snapshot, with this machine's NODE_EXTRA_CA_CERTS (ms)": f1(cli.withExtraCaCerts.cliMs),
      'that / ssh true': f2(cli.withExtraCaCerts.ratio),
    }),
  });
  const paste = await benchPaste();
  console.log(
    `\npaste import: large host's outputs (${(paste.bytes / 1e6).toFixed(1)} MB, ${paste.errors} unread sections)`,
  );
  console.table({ 'modelFromPaste (ms)': f1(paste.medianMs), ports: paste.ports, flows: paste.flows });
  await labUp([fleetSpec]);
  const concurrent = await benchConcurrent(fleet);
  console.log(
    `\nconcurrent refresh: ${concurrent.hosts} hosts (${fleetSpec}) in ${concurrent.wallMs.toFixed(0)} ms, slowest ${concurrent.slowestMs.toFixed(0)} ms, ${concurrent.failed} failed`,
  );
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(`peak RSS of the bench process: ${peakRssMb.toFixed(0)} MB`);

  const targets = {
    // The baseline is a bare `ssh host true` (OpenSSH: it connects, authenticates, runs).
    'openstack-aio ≤ 1.3× ssh host true (pooled read)': aio.ratios.vsOpensshTrue <= TARGETS.aioVsTrue,
    'openstack-aio ≤ 1.3× ssh host true (read on a fresh connection)':
      aio.ratios.coldVsOpensshTrue <= TARGETS.aioVsTrue,
    'large ≤ 2 s': large.collectParseMs <= TARGETS.largeMs,
    '20 hosts ≤ 3 s': concurrent.failed === 0 && concurrent.wallMs <= TARGETS.fleetMs,
    'plan of 2,000 edits ≤ 100 ms (applyEdits + plan)':
      changes.applyEdits2000Ms + changes.plan2000Ms <= TARGETS.plan2000Ms,
    'apply of 200 adds ≤ 1.5× one bare ovs-vsctl transaction': changes.applyVsBare <= TARGETS.applyVsBare,
    'editor: one edit updates the overlay of the large host ≤ 100 ms':
      editor.oneEditOverlayMs <= TARGETS.overlayMs,
    'editor: review of 500 edits ≤ 500 ms': editor.review500Ms <= TARGETS.review500Ms,
    'lint of the large host ≤ 100 ms': lint.lintMs <= TARGETS.lintMs,
    'a trace across two bridges ≤ 1.5× the bare ofproto/trace': trace.ratio <= TARGETS.traceVsBare,
    'diff of two snapshots of the large host ≤ 200 ms': snapshots.diffMs <= SNAPSHOT_TARGETS.diffMs,
    'saving an unchanged large host adds ≤ 1 KB': snapshots.unchangedBytes <= SNAPSHOT_TARGETS.unchangedBytes,
    '1,000 snapshots of the large host ≤ 10 MB': snapshots.thousandBytes <= SNAPSHOT_TARGETS.thousandBytes,
    "importing the large host's pasted text ≤ 1 s": paste.medianMs <= PASTE_TARGET_MS,
    'cold patchbay snapshot ≤ 1.3× cold ssh host true (without NODE_EXTRA_CA_CERTS)':
      cli.ratio <= CLI_TARGET_RATIO,
  };
  console.table(Object.entries(targets).map(([target, met]) => ({ target, met })));

  let graph: unknown = null;
  try {
    const mod = await import('./graph');
    graph = await mod.benchGraph();
    console.log('\ngraph bench');
    console.table(graph);
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND';
    console.log(missing ? 'graph bench not available' : `graph bench failed: ${(e as Error).message}`);
  }

  mkdirSync('bench-results', { recursive: true });
  writeFileSync(
    'bench-results/latest.json',
    `${JSON.stringify(
      {
        at: new Date().toISOString(),
        reads,
        collect: { openstackAio: aio, large },
        concurrent: { spec: fleetSpec, ...concurrent },
        changes,
        editor,
        lint,
        trace,
        snapshots,
        paste,
        cli,
        peakRssMb,
        targets,
        graph,
      },
      null,
      2,
    )}\n`,
  );
  console.log('\nwrote bench-results/latest.json');
} finally {
  if (broughtUp.length) {
    console.log(`lab: taking down ${broughtUp.length} host(s) this bench brought up`);
    await labDown(broughtUp);
  }
}
