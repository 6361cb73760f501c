/**
 * Graph rendering bench: headless Chromium opens `/bench?nodes=N` (synthetic topologies built by
 * `syntheticHost`, served only with PATCHBAY_TEST_HANDLE=1) and reads the test handle:
 *   first frame  — performance.now() of the first frame that drew elements,
 *   interactive  — performance.now() when the layout finished (`window.__patchbay.readyMs`),
 *   pan frames   — requestAnimationFrame deltas while panning programmatically for 90 frames,
 *                  right when interactive (the graph fitted), then again zoomed in to 1:1 (labels
 *                  shown, a part of the graph on screen) after a 1 s settle; the targets are on the first;
 *   refresh      — after that, the host gains a tenant (port, namespace, link) as a refresh brings
 *                  it: ms from the change to the re-layout's `ready` (survivors keep their places).
 *   phases       — where a page's time went, ms after navigation: its scripts loaded, the canvas
 *                  filled (hydration, the first render with the graph, Cytoscape created and filled),
 *                  the first layout's positions placed (its answer handled from here), ready, drawn;
 *   vs the floor — interactive ÷ the same page's floor measured in the same run (`/bench` with 10
 *                  nodes, signed in, the server had its layout; median of 3 fresh browsers): what
 *                  the graph costs over the page itself, comparable across a slow and a fast day.
 * The first page after start is measured before anything else: the server's very first page (500
 * nodes, signed in, right after the sign-in that starts the server's services; `500f` opens a share
 * link's page instead), in a fresh browser, from navigation to interactive. The first page after
 * a restart (`500fh`) is measured last: a graph is laid out, the server stopped and started again on
 * the same data directory, and the same graph opened (the server's layouts outlive it).
 * `shared` cases open the synthetic host as a shared snapshot (`/s/<token>`), saved and shared in
 * the data directory before the server starts.
 * Uses PATCHBAY_BENCH_URL when set (shared and signed-in cases skipped), else starts `next start` (needs `next build` first).
 * Alone: `npx tsx scripts/bench/graph.ts [500 2000 5000 5000c …] [--repeat N]` (c = collapsed).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '@/scripts/chromium';
import { syntheticHost } from '@/server/core/graph/synthetic';
import { createServices } from '@/server/services';
import { openDatabase } from '@/server/storage';

export interface Row {
  topology: string;
  /** Nodes actually drawn (collapsed containers count as one). */
  renderedNodes: number;
  firstFrameMs: number;
  interactiveMs: number;
  panFrameP50Ms: number;
  panFrameP95Ms: number;
  panFrameMaxMs: number;
  /** Pan frames zoomed in to 1:1, for information (not part of the targets). */
  zoomedPanP95Ms: number;
  /** From a one-tenant change to the re-layout's `ready` (NaN for shared snapshots: they do not change). */
  refreshMs: number;
  /** ms after navigation: scripts loaded · canvas filled · first layout placed · ready · drawn. */
  phases: string;
  /** interactiveMs ÷ the page's floor measured in the same run (see above). */
  vsFloor: number;
  /**
   * Targets: interactive ≤ 2 s for 5,000 nodes, pan frames ≤ 50 ms (p95); for 500 nodes (issue 13)
   * interactive ≤ 1 s and a refresh's re-layout ≤ 1 s; the first page after start ≤ 1.5 s.
   */
  meetsTargets: boolean;
}

export const GRAPH_TARGETS = {
  bigMs: 2000,
  panP95Ms: 50,
  typicalMs: 1000,
  refreshMs: 1000,
  firstPageMs: 1500,
};

export interface Case {
  nodes: number;
  collapse: boolean;
  /** Opened as a shared snapshot (`/s/<token>`, as a colleague opens a link) instead of `/bench`. */
  shared?: boolean;
  /**
   * The server's first page since it started (measured before the warm-up; a shared snapshot
   * unless signed in). With `serverHit`: the first page after a restart, of a graph the server
   * laid out before it (its answer kept in the database, server/layout/layout-store.ts).
   */
  firstPage?: boolean;
  /** Opened a second time in the same browser (its ELK answer stored: layout-cache.ts). */
  reopen?: boolean;
  /**
   * Opened signed in (a viewer), so laid out by the server's ELK (layout.compute), each time a
   * graph no one laid out before (a new host name) unless `serverHit`: then another browser
   * opened it first and the server answers from its cache.
   */
  signedIn?: boolean;
  serverHit?: boolean;
  /**
   * Opened as an operator opens a host: `/view` of a host whose model is stored in the server's
   * database (its list and model come from the server, not built in the browser as /bench does),
   * signed in, a host no one laid out before.
   */
  view?: boolean;
}

const CASES: Case[] = [
  { nodes: 500, collapse: false, firstPage: true, signedIn: true },
  { nodes: 500, collapse: false, firstPage: true, signedIn: true, serverHit: true },
  { nodes: 500, collapse: false },
  { nodes: 500, collapse: false, reopen: true },
  { nodes: 500, collapse: false, signedIn: true },
  { nodes: 500, collapse: false, signedIn: true, serverHit: true },
  { nodes: 500, collapse: false, signedIn: true, view: true },
  { nodes: 2000, collapse: false },
  { nodes: 5000, collapse: false },
  { nodes: 5000, collapse: true },
  { nodes: 5000, collapse: false, shared: true },
];

/**
 * Saves the synthetic host of `nodes` as a snapshot in the server's data directory (before the
 * server opens it) and shares it: the token of the link.
 */
async function shareSynthetic(dataDir: string, nodes: number): Promise<string> {
  const db = openDatabase(dataDir, undefined);
  try {
    const { snapshots } = createServices(db, dataDir);
    const snap = await snapshots.save([syntheticHost(nodes)], [null], {
      name: `synthetic ${nodes}`,
      who: 'bench',
      source: 'imported',
    });
    return (await snapshots.createShare({ snapshotId: snap.id }, 'bench')).token;
  } finally {
    await (await db).close();
  }
}

/** The stored host a `/view` case opens: one per measurement, so each is new to the server's layout. */
const viewHostName = (nodes: number, n: number) => `synthetic-${nodes}-view-${n}`;

/** Stores `count` synthetic hosts of `nodes` with their models (as a read would leave them). */
async function storeSynthetic(dataDir: string, nodes: number, count: number): Promise<void> {
  const db = openDatabase(dataDir, undefined);
  try {
    const { hosts, hostStore } = createServices(db, dataDir);
    for (let n = 1; n <= count; n++) {
      const model = syntheticHost(nodes, viewHostName(nodes, n));
      const host = await hosts.add({ name: viewHostName(nodes, n), address: `198.51.100.${n}` });
      await hostStore.saveModel(host.id, {
        schemaVersion: model.schemaVersion,
        collectedAt: model.collectedAt,
        model,
      });
    }
  } finally {
    await (await db).close();
  }
}

/** The bench's viewer account, added to the data directory before the server opens it. */
const BENCH_USER = { name: 'bench', password: randomBytes(18).toString('base64url') };

async function addBenchUser(dataDir: string): Promise<void> {
  const db = openDatabase(dataDir, undefined);
  try {
    await createServices(db, dataDir).auth.addUser({ ...BENCH_USER, role: 'viewer' });
  } finally {
    await (await db).close();
  }
}

// Passed as source text: tsx would wrap named functions in a helper that the page lacks.
const PAN_SCRIPT = `new Promise((done) => {
  const h = window.__patchbay;
  const cy = h.cy;
  const deltas = [];
  let last = performance.now();
  let n = 0;
  const step = () => {
    const now = performance.now();
    if (n > 0) deltas.push(now - last);
    last = now;
    if (n++ >= 90) return done({ nodes: cy.nodes().length, first: h.firstFrameMs, ready: h.readyMs, deltas });
    cy.panBy({ x: n % 30 < 15 ? 12 : -12, y: 4 });
    requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
})`;

// The bench page's refresh (bench-view.tsx `grow`): ms until the re-layout after it is ready.
const REFRESH_SCRIPT = `new Promise((done, fail) => {
  const h = window.__patchbay;
  const t0 = performance.now();
  window.__patchbayBench.grow();
  const poll = () => {
    if (h.ready && (h.lastReadyMs ?? 0) > t0) return done(h.lastReadyMs - t0);
    if (performance.now() - t0 > 60000) return fail(new Error('no re-layout within 60 s'));
    requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
})`;

const ZOOM_IN_SCRIPT = `new Promise((done) => {
  const cy = window.__patchbay.cy;
  cy.zoom({ level: 1, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  setTimeout(done, 1000);
})`;

// The page's own marks (topology-canvas.tsx test handle) and its last script's arrival.
const PHASES_SCRIPT = `(() => {
  const h = window.__patchbay;
  const scripts = performance.getEntriesByType('resource').filter((e) => e.initiatorType === 'script');
  return {
    scripts: Math.max(0, ...scripts.map((e) => e.responseEnd)),
    filled: h.filledMs ?? NaN,
    placed: h.placedMs ?? NaN,
    ready: h.lastReadyMs,
    first: h.firstFrameMs,
  };
})()`;

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
};
const round = (n: number) => Math.round(n * 10) / 10;

async function startServer(
  prepare: (dataDir: string) => Promise<void>,
  reuse?: string,
): Promise<{ url: string; dataDir: string; stop: (keepData?: boolean) => Promise<void> }> {
  const port = 3190 + Math.floor(Math.random() * 8);
  const dataDir = reuse ?? mkdtempSync(path.join(tmpdir(), 'patchbay-bench-'));
  if (!reuse) await prepare(dataDir);
  const child: ChildProcess = spawn(
    process.execPath,
    [
      path.join('node_modules', 'next', 'dist', 'bin', 'next'),
      'start',
      '-H',
      '127.0.0.1',
      '-p',
      String(port),
    ],
    { env: { ...process.env, PATCHBAY_TEST_HANDLE: '1', PATCHBAY_DATA_DIR: dataDir }, stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise((r) => child.once('exit', r));
  // Awaited: a server started next on the same data directory needs its lock released.
  const stop = async (keepData = false) => {
    child.kill('SIGTERM');
    await exited;
    if (!keepData) rmSync(dataDir, { recursive: true, force: true });
  };
  for (let i = 0; i < 120; i++) {
    try {
      // Not a page: the first page after start is measured cold.
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return { url, dataDir, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error('next start did not answer within 60 s (run `npx next build` first)');
}

/**
 * The graph page's floor: `/bench` with 10 nodes, signed in, its layout already on the server —
 * scripts, hydration, Cytoscape and a layout round trip with next to nothing to draw. Median of 3
 * fresh browsers, from navigation to ready.
 */
async function pageFloorMs(newContext: () => Promise<BrowserContext>, url: string): Promise<number> {
  const once = async () => {
    const context = await newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${url}/bench?nodes=10`);
      await page.waitForFunction(
        () => window.__patchbay?.ready === true && window.__patchbay.firstFrameMs !== undefined,
        null,
        { timeout: 60_000 },
      );
      return (await page.evaluate('Math.max(__patchbay.readyMs, __patchbay.firstFrameMs)')) as number;
    } finally {
      await context.close();
    }
  };
  await once(); // the server lays it out and keeps it
  const times = [await once(), await once(), await once()];
  return quantile(times, 0.5);
}

export async function benchGraph(cases: Case[] = CASES, repeat = 1): Promise<Row[]> {
  // Shared snapshots and the bench's account live in the server's database: only on a server
  // this bench starts.
  const external = process.env.PATCHBAY_BENCH_URL;
  const run = external ? cases.filter((c) => !c.shared && !c.signedIn) : cases;
  const tokens = new Map<number, string>();
  let server = external
    ? { url: external.replace(/\/$/, ''), dataDir: '', stop: async () => undefined }
    : await startServer(async (dataDir) => {
        await addBenchUser(dataDir); // signed-in cases, and the page's floor in every run
        for (const nodes of new Set(run.filter((c) => c.view).map((c) => c.nodes))) {
          const count = run.filter((c) => c.view && c.nodes === nodes).length * repeat;
          await storeSynthetic(dataDir, nodes, count);
        }
        for (const c of run)
          if (c.shared && !tokens.has(c.nodes)) tokens.set(c.nodes, await shareSynthetic(dataDir, c.nodes));
      });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  });
  const rows: Row[] = [];
  try {
    // The first page after start (when the server is this bench's own), then a warm-up: the
    // first request of each route loads its code; the other cases are not measured cold.
    let seed = 0;
    const viewsOpened = new Map<number, number>();
    const signedInContext = async () => {
      const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
      const res = await context.request.post(`${server.url}/api/trpc/auth.login`, {
        data: { name: BENCH_USER.name, password: BENCH_USER.password },
        headers: { origin: server.url },
      });
      if (!res.ok()) throw new Error(`bench: signing in failed: ${res.status()} ${await res.text()}`);
      return context;
    };
    const measure = async (c: Case): Promise<Row> => {
      const newContext = () =>
        c.signedIn ? signedInContext() : browser.newContext({ viewport: { width: 1600, height: 1000 } });
      const context = await newContext();
      seed += 1;
      const viewed = (viewsOpened.get(c.nodes) ?? 0) + 1;
      if (c.view) viewsOpened.set(c.nodes, viewed);
      const url = c.shared
        ? `${server.url}/s/${tokens.get(c.nodes)}`
        : c.view
          ? `${server.url}/view?hosts=${viewHostName(c.nodes, viewed)}`
          : `${server.url}/bench?nodes=${c.nodes}${c.collapse ? '&collapse=1' : ''}${c.signedIn ? `&seed=${afterRestart(c) ? RESTART_SEED : seed}` : ''}`;
      // Interactive = layout finished and its first frame drawn.
      const open = async (ctx = context) => {
        const page = await ctx.newPage();
        page.on('crash', () => console.error(`bench: the page crashed on ${c.nodes} nodes`));
        await page.goto(url);
        await page.waitForFunction(
          () => window.__patchbay?.ready === true && window.__patchbay.firstFrameMs !== undefined,
          null,
          { timeout: 120_000 },
        );
        return page;
      };
      console.error(`bench: ${caseName(c)}…`);
      if (c.reopen) await (await open()).close();
      if (c.serverHit && !afterRestart(c)) {
        const other = await newContext();
        await open(other);
        await other.close();
      }
      const page = await open();
      const ph = (await page.evaluate(PHASES_SCRIPT)) as Record<
        'scripts' | 'filled' | 'placed' | 'ready' | 'first',
        number
      >;
      const m = (await page.evaluate(PAN_SCRIPT)) as {
        nodes: number;
        first: number;
        ready: number;
        deltas: number[];
      };
      await page.evaluate(ZOOM_IN_SCRIPT);
      const zoomed = (await page.evaluate(PAN_SCRIPT)) as { deltas: number[] };
      // Shared snapshots do not change; a stored host changes only when it is read again.
      const refreshMs = c.shared || c.view ? Number.NaN : ((await page.evaluate(REFRESH_SCRIPT)) as number);
      await context.close();
      const p95 = quantile(m.deltas, 0.95);
      const interactive = Math.max(m.ready, m.first);
      const t = GRAPH_TARGETS;
      return {
        topology: caseName(c),
        renderedNodes: m.nodes,
        firstFrameMs: round(m.first),
        interactiveMs: round(interactive),
        panFrameP50Ms: round(quantile(m.deltas, 0.5)),
        panFrameP95Ms: round(p95),
        panFrameMaxMs: round(Math.max(...m.deltas)),
        zoomedPanP95Ms: round(quantile(zoomed.deltas, 0.95)),
        refreshMs: round(refreshMs),
        phases: [ph.scripts, ph.filled, ph.placed, ph.ready, ph.first].map((x) => Math.round(x)).join(' · '),
        vsFloor: Number.NaN, // once the floor is measured, below
        meetsTargets:
          p95 <= t.panP95Ms &&
          (c.nodes < 5000 || interactive <= t.bigMs) &&
          (c.nodes !== 500 ||
            c.shared ||
            (interactive <= t.typicalMs && (c.view || refreshMs <= t.refreshMs))) &&
          (!c.firstPage || interactive <= t.firstPageMs),
      };
    };
    // The first page after start, before the warm-up (which loads the routes' code), then the rest.
    for (const c of run.filter((x) => x.firstPage && !afterRestart(x))) rows.push(await measure(c));
    const warm = await browser.newPage();
    await warm.goto(`${server.url}/bench?nodes=100`);
    await warm.waitForFunction(() => window.__patchbay?.ready === true, null, { timeout: 120_000 });
    await warm.close();
    const rest = run.filter((c) => !c.firstPage);
    const restarts = run.filter(afterRestart);
    for (const c of Array.from({ length: repeat }, () => rest).flat()) rows.push(await measure(c));
    // The page's floor, on this server only (it needs the bench's account).
    const floor = external ? Number.NaN : await pageFloorMs(signedInContext, server.url);
    if (!external)
      console.error(`bench: the page's floor (10 nodes, signed in, server had it): ${round(floor)} ms`);
    // The first page after a restart, of a graph laid out before it: laid out now (the server keeps
    // the answer in its database), then the server is stopped and started on the same data.
    for (const c of restarts) {
      const before = await signedInContext();
      const page = await before.newPage();
      await page.goto(`${server.url}/bench?nodes=${c.nodes}&seed=${RESTART_SEED}`);
      await page.waitForFunction(() => window.__patchbay?.ready === true, null, { timeout: 120_000 });
      await before.close();
      await server.stop(true);
      server = await startServer(async () => undefined, server.dataDir);
      rows.push(await measure(c));
    }
    for (const r of rows) r.vsFloor = Math.round((r.interactiveMs / floor) * 100) / 100;
  } finally {
    await browser.close();
    await server.stop();
  }
  return rows;
}

/** The first page after a restart, of a graph the server laid out (and kept) before it. */
const afterRestart = (c: Case): boolean => c.firstPage === true && c.serverHit === true;
/** The restart case's host (`/bench?seed=`): one no other case opens. */
const RESTART_SEED = 999_999;

const caseName = (c: Case): string =>
  `${afterRestart(c) ? 'first page after a restart, laid out before it: ' : c.firstPage ? 'first page after start: ' : ''}${c.shared ? 'shared snapshot, ' : ''}${c.nodes} nodes${c.collapse ? ', collapsed' : ''}${c.reopen ? ', opened again' : ''}${c.view ? ', /view of a stored host (server layout)' : c.signedIn ? (c.serverHit ? ', signed in, server had it' : ', signed in (server layout)') : ''}`;

/**
 * A case from letters after the node count: `c` collapsed, `s` a shared snapshot, `f` the first
 * page after start (a shared snapshot unless `v`), `r` opened again, `v` signed in (the server
 * lays it out), `h` signed in and the server laid it out before, `w` `/view` of a stored host;
 * `fh` the first page after a restart, of a graph laid out before it. E.g. 500, 5000c, 500f,
 * 500fv, 500fh, 500w.
 */
function parseCase(arg: string): Case {
  const m = /^(\d+)([csfrvhw]*)$/.exec(arg);
  if (!m)
    throw new Error(
      `bench: not a case: ${arg} (want e.g. 500, 5000c, 5000s, 500f, 500fv, 500r, 500v, 500h or 500w)`,
    );
  const has = (letter: string) => (m[2] ?? '').includes(letter);
  const signedIn = has('v') || has('h') || has('w');
  return {
    nodes: Number(m[1]),
    collapse: has('c'),
    shared: has('s') || (has('f') && !signedIn),
    firstPage: has('f'),
    reopen: has('r'),
    signedIn,
    serverHit: has('h'),
    view: has('w'),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const r = args.indexOf('--repeat');
  const repeat = r >= 0 ? Number(args.splice(r, 2)[1]) : 1;
  const cases = args.length > 0 ? args.map(parseCase) : CASES;
  console.table(await benchGraph(cases, repeat));
}
