import type { Collection, Core, EdgeSingular, LayoutPositionOptions, NodeSingular } from 'cytoscape';
import ElkConstructor, { type ELK, type ElkExtendedEdge, type ElkNode } from 'elkjs/lib/elk-api.js';
import { elkInput, type LayoutRequest, layoutKey } from '@/server/core/layout';
import { cachedLayout, hasCachedLayout, storeLayout } from './layout-cache';

/** A container's title box, and its font zoomed out (containerLayoutOptions). */
export type ContainerTitle = { w: number; h: number; zoomedOutFont: number };

/**
 * Options of the `elk` layout: each leaf's size (`leafSize`) and container's title
 * (`containerTitle`), the server's ELK (`remote`, when the page may use it; the browser's worker
 * when it fails or is absent), and what to do when ELK fails (`onError`, instead of `layoutstop`).
 */
export interface ElkLayoutOptions {
  name: 'elk';
  fit: boolean;
  animate: false;
  leafSize: (node: NodeSingular) => { w: number; h: number };
  containerTitle: (node: NodeSingular) => ContainerTitle;
  remote?: (req: LayoutRequest) => Promise<ElkNode>;
  onError?: (e: unknown) => void;
}

/** What the layout keeps of each element (elkBoxes): ELK's node or edge, without children. */
export interface ElkBox {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  sections?: ElkExtendedEdge['sections'];
}

/**
 * ELK's boxes and routes of each canvas's last ELK run, by element id. Kept beside the graph, not
 * in Cytoscape's element scratch: setting an element's scratch restyles it, which cost a full
 * style pass (~250 ms at 500 nodes) between the answer and the first frame.
 */
const lastRun = new WeakMap<Core, ReadonlyMap<string, ElkBox>>();
const NO_BOXES: ReadonlyMap<string, ElkBox> = new Map();

/** ELK's boxes and routes from the canvas's last layout, if it was ELK's (empty otherwise). */
export const elkBoxes = (cy: Core): ReadonlyMap<string, ElkBox> => lastRun.get(cy) ?? NO_BOXES;

/** The canvas was laid out otherwise (grid, saved positions): ELK's boxes no longer hold. */
export const forgetElkBoxes = (cy: Core): void => {
  lastRun.delete(cy);
};

let elk: ELK | null = null;
/**
 * Rejected when the worker fails (its script cannot load, or it dies): elkjs would leave the
 * layouts waiting for an answer forever, and the canvas falls back to the grid on `onError`.
 */
let workerFailed: Promise<never> = new Promise(() => undefined);

/**
 * The page's one ELK, in a Web Worker: elkjs is ~1.6 MB of script and a 500-node layout takes a
 * second or more, which on the page's thread held up hydration, the first frame and every input.
 * The first call starts the worker and lays out a tiny graph, so ELK's start-up (loading,
 * registering its algorithms, the first compilation) happens while the page hydrates rather than
 * in the operator's first layout.
 */
export function elkWorker(): ELK {
  if (elk) return elk;
  elk = new ElkConstructor({
    workerUrl: 'elk.worker',
    workerFactory: () => {
      const worker = new Worker(new URL('./elk.worker.ts', import.meta.url), { name: 'elk' });
      workerFailed = new Promise((_, reject) =>
        worker.addEventListener(
          'error',
          (e) => reject(new Error(`the ELK worker failed: ${e.message || 'its script did not load'}`)),
          { once: true },
        ),
      );
      workerFailed.catch(() => undefined); // reported by the layouts that wait for it
      return worker;
    },
  });
  const title = { w: 40, h: 17, zoomedOutFont: 20 };
  const leaf = { w: 40, h: 20 };
  elk
    .layout(
      elkInput({
        aspectRatio: 1.5,
        nodes: [
          { id: 'a', parent: null, title },
          { id: 'a1', parent: 'a', size: leaf },
          { id: 'a2', parent: 'a', size: leaf },
          { id: 'b', parent: null, size: leaf },
        ],
        edges: [{ id: 'e', source: 'a1', target: 'b' }],
      }),
    )
    .catch(() => undefined); // a real layout reports the same failure
  return elk;
}

/** The browser's ELK: the worker's answer, or its failure when the worker cannot run. */
const inWorker = (input: ElkNode): Promise<ElkNode> =>
  Promise.race([elkWorker().layout(input), workerFailed]);

/** The server's answer (`remote`), or the worker's when there is no server or it fails. */
const ask = (
  req: LayoutRequest,
  input: ElkNode,
  remote: ((req: LayoutRequest) => Promise<ElkNode>) | undefined,
): Promise<ElkNode> =>
  remote
    ? remote(req).catch((e: unknown) => {
        console.warn('patchbay: the server did not lay the graph out; the browser does', e);
        return inWorker(input);
      })
    : inWorker(input);

/** Answers asked for ahead of their layout (prefetchLayout), by layoutKey, until they come. */
const early = new Map<string, Promise<ElkNode>>();

/**
 * Asks for the layout of a graph about to be drawn, before its canvas exists: creating and
 * filling Cytoscape takes ~80 ms at 500 nodes, and the answer travels meanwhile. It goes to the
 * layout cache when it comes; a layout of the same input that runs before then waits for it
 * rather than asking again. Nothing is asked when the cache already holds the answer.
 */
export function prefetchLayout(
  req: LayoutRequest,
  remote: ((req: LayoutRequest) => Promise<ElkNode>) | undefined,
): void {
  const input = elkInput(req);
  const key = layoutKey(input);
  if (early.has(key) || hasCachedLayout(key)) return;
  const answer = ask(req, input, remote);
  early.set(key, answer);
  answer.then(
    (laidOut) => storeLayout(key, laidOut),
    () => undefined, // the layout that waits for it reports the failure
  );
  answer.finally(() => early.delete(key)).catch(() => undefined);
}

/** A node as a layout request sees it: its container in the graph (or null), whether it holds nodes. */
export interface RequestNode<N> {
  id: string;
  parent: string | null;
  isParent: boolean;
  node: N;
}

/**
 * What the layout needs of a graph (server/core/layout request.ts), from its nodes in the order
 * they were added and its edges: containers listed before their children, each leaf's size with
 * its label, each container's title. One function for the drawn graph (layoutRequest) and for
 * the graph about to be drawn (layout.ts layoutRequestOf), so both give the same request.
 */
export function requestOf<N>(
  nodes: readonly RequestNode<N>[],
  edges: LayoutRequest['edges'],
  dimensions: (n: N) => { w: number; h: number },
  containerTitle: (n: N) => ContainerTitle,
  aspectRatio: number,
): LayoutRequest {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const listed = new Set<string>();
  const out: LayoutRequest['nodes'] = [];
  // Containers before their children (Cytoscape keeps the order elements were added in).
  const add = (n: RequestNode<N>) => {
    if (listed.has(n.id)) return;
    const parent = n.parent === null ? undefined : byId.get(n.parent);
    if (parent) add(parent);
    listed.add(n.id);
    out.push(
      n.isParent
        ? { id: n.id, parent: parent?.id ?? null, title: containerTitle(n.node) }
        : { id: n.id, parent: parent?.id ?? null, size: dimensions(n.node) },
    );
  };
  for (const n of nodes) add(n);
  return { aspectRatio, nodes: out, edges };
}

/** The request for the drawn graph: the elements `eles` of a Cytoscape canvas. */
export function layoutRequest(
  eles: Collection,
  dimensions: (n: NodeSingular) => { w: number; h: number },
  containerTitle: (n: NodeSingular) => ContainerTitle,
  aspectRatio: number,
): LayoutRequest {
  const nodes = (eles.nodes().toArray() as NodeSingular[]).map((n) => ({
    id: n.id(),
    parent: n.isChild() ? n.parent().first().id() : null,
    isParent: n.isParent(),
    node: n,
  }));
  const edges = (eles.edges().toArray() as EdgeSingular[]).map((e) => ({
    id: e.id(),
    source: e.source().id(),
    target: e.target().id(),
  }));
  return requestOf(nodes, edges, dimensions, containerTitle, aspectRatio);
}

/**
 * ELK's answer as Cytoscape wants it: the centre of every leaf (ELK nests coordinates and gives
 * top-left corners), and ELK's node or edge by id (elkBoxes).
 */
export function elkResult(root: ElkNode): {
  centres: Map<string, { x: number; y: number }>;
  boxes: Map<string, ElkBox>;
} {
  const centres = new Map<string, { x: number; y: number }>();
  const boxes = new Map<string, ElkBox>();
  const visit = (k: ElkNode, ox: number, oy: number) => {
    const x = ox + (k.x ?? 0);
    const y = oy + (k.y ?? 0);
    boxes.set(k.id, { x: k.x, y: k.y, width: k.width, height: k.height });
    if (k.children && k.children.length > 0) for (const c of k.children) visit(c, x, y);
    else centres.set(k.id, { x: x + (k.width ?? 0) / 2, y: y + (k.height ?? 0) / 2 });
  };
  for (const c of root.children ?? []) visit(c, 0, 0);
  const edges = (k: ElkNode) => {
    for (const e of k.edges ?? []) boxes.set(e.id, { sections: e.sections });
    for (const c of k.children ?? []) edges(c);
  };
  edges(root);
  return { centres, boxes };
}

/**
 * The `elk` layout for Cytoscape: ELK layered on the server or in the worker above, positions
 * applied when it answers, or at once when this very input was laid out before (layout-cache.ts).
 * `stop` ends the layout at once (Cytoscape's contract: `layoutstop` is emitted) and a late
 * answer is dropped, so a canvas torn down mid-layout is never touched again.
 */
export class ElkWorkerLayout {
  declare options: ElkLayoutOptions & { cy: Core; eles: Collection };
  declare emit: (event: string) => void;
  /** Set once positions are applied or the layout was stopped (no constructor runs: see below). */
  private stopped?: boolean;

  run(): this {
    const { options } = this;
    const { eles, cy } = options;
    const req = layoutRequest(
      eles,
      options.leafSize,
      options.containerTitle,
      cy.width() / Math.max(1, cy.height()),
    );
    const input = elkInput(req);
    const key = layoutKey(input);
    const cached = cachedLayout(key);
    if (cached) return this.apply(cached);
    const asked = early.get(key);
    const answer = asked ?? ask(req, input, options.remote);
    answer.then(
      (laidOut: ElkNode) => {
        if (!asked) storeLayout(key, laidOut); // prefetchLayout keeps what it asked for

        if (!this.stopped) this.apply(laidOut);
      },
      (e: unknown) => {
        if (!this.stopped) options.onError?.(e);
      },
    );
    return this;
  }

  /** ELK's answer onto the graph: positions of the leaves, ELK's boxes and routes (elkBoxes). */
  private apply(laidOut: ElkNode): this {
    const { eles, cy } = this.options;
    this.stopped = true;
    const { centres, boxes } = elkResult(laidOut);
    lastRun.set(cy, boxes);
    // A node the operator holds stays under the pointer: a layout that answers mid-drag (a
    // refresh, an edit's overlay) would otherwise pull it away and the drop would land elsewhere.
    eles
      .nodes()
      .filter((n) => !n.isParent() && !n.grabbed())
      .layoutPositions(
        this as never,
        this.options as unknown as LayoutPositionOptions,
        (n: NodeSingular) => centres.get(n.id()) ?? n.position(),
      );
    return this;
  }

  stop(): this {
    if (!this.stopped) {
      this.stopped = true;
      this.emit('layoutstop');
    }
    return this;
  }
}

/**
 * What Cytoscape registers: it calls a layout's constructor as a function (`registrant.call`),
 * which a class refuses, and builds its layouts over the registrant's prototype.
 */
export const elkLayoutExtension = Object.assign(function ElkLayout() {}, {
  prototype: ElkWorkerLayout.prototype,
});
