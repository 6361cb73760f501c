import type {
  Collection,
  EdgeSingular,
  LayoutDimensionOptions,
  LayoutPositionOptions,
  NodeSingular,
} from 'cytoscape';
import ElkConstructor, { type ELK, type ElkExtendedEdge, type ElkNode } from 'elkjs/lib/elk-api.js';
import { cachedLayout, layoutKey, storeLayout } from './layout-cache';

/**
 * Options of the `elk` layout: ELK's own options for the whole graph (`elk`), ELK's options of one
 * node (`nodeLayoutOptions`), and what to do when ELK fails (`onError`, instead of `layoutstop`).
 */
export interface ElkLayoutOptions {
  name: 'elk';
  fit: boolean;
  animate: false;
  nodeDimensionsIncludeLabels: boolean;
  elk: Record<string, string | number>;
  nodeLayoutOptions?: (node: NodeSingular) => Record<string, string>;
  onError?: (e: unknown) => void;
}

/** What the layout leaves in each element's `elk` scratch: ELK's node or edge, without children. */
export interface ElkScratch {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  sections?: ElkExtendedEdge['sections'];
}

/** The id of ELK's root graph; no Patchbay element id has this form. */
const ROOT = '\u0000root';

let elk: ELK | null = null;
/**
 * Rejected when the worker fails (its script cannot load, or it dies): elkjs would leave the
 * layouts waiting for an answer forever, and the canvas falls back to the grid on `onError`.
 */
let workerFailed: Promise<never> = new Promise(() => undefined);

/**
 * The page's one ELK, in a Web Worker: elkjs is ~1.6 MB of script and a 500-node layout takes a
 * second or more, which on the page's thread held up hydration, the first frame and every input.
 * The first call starts the worker and lays out a tiny graph with the canvas's options, so ELK's
 * start-up (loading, registering its algorithms, the first compilation) happens while the page
 * hydrates rather than in the operator's first layout.
 */
export function elkWorker(warmUpOptions?: Record<string, string | number>): ELK {
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
  const leaf = (id: string) => ({ id, width: 40, height: 20 });
  elk
    .layout({
      id: ROOT,
      layoutOptions: stringOptions(warmUpOptions ?? {}),
      children: [{ id: 'a', children: [leaf('a1'), leaf('a2')] }, leaf('b')],
      edges: [{ id: 'e', sources: ['a1'], targets: ['b'] }],
    })
    .catch(() => undefined); // a real layout reports the same failure
  return elk;
}

const stringOptions = (o: Record<string, string | number>): Record<string, string> =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)]));

/** ELK's input: the compound structure as nested children, every edge at the root. */
export function elkGraph(
  eles: Collection,
  options: Pick<ElkLayoutOptions, 'elk' | 'nodeLayoutOptions'>,
  dimensions: (n: NodeSingular) => { w: number; h: number },
  aspectRatio: number,
): ElkNode {
  const root: ElkNode = {
    id: ROOT,
    layoutOptions: stringOptions({ aspectRatio, ...options.elk }),
    children: [],
    edges: [],
  };
  const byId = new Map<string, ElkNode>();
  const nodes = eles.nodes().toArray() as NodeSingular[];
  for (const n of nodes) {
    const k: ElkNode = { id: n.id() };
    const own = options.nodeLayoutOptions?.(n);
    if (own && Object.keys(own).length > 0) k.layoutOptions = own;
    if (!n.isParent()) {
      const d = dimensions(n);
      k.width = d.w;
      k.height = d.h;
    }
    byId.set(k.id, k);
  }
  for (const n of nodes) {
    const parent = n.isChild() ? byId.get(n.parent().first().id()) : undefined;
    const into = parent ?? root;
    into.children ??= [];
    into.children.push(byId.get(n.id()) as ElkNode);
  }
  for (const e of eles.edges().toArray() as EdgeSingular[])
    root.edges?.push({ id: e.id(), sources: [e.source().id()], targets: [e.target().id()] });
  return root;
}

/**
 * ELK's answer as Cytoscape wants it: the centre of every leaf (ELK nests coordinates and gives
 * top-left corners), and ELK's node or edge by id for the scratch.
 */
export function elkResult(root: ElkNode): {
  centres: Map<string, { x: number; y: number }>;
  scratch: Map<string, ElkScratch>;
} {
  const centres = new Map<string, { x: number; y: number }>();
  const scratch = new Map<string, ElkScratch>();
  const visit = (k: ElkNode, ox: number, oy: number) => {
    const x = ox + (k.x ?? 0);
    const y = oy + (k.y ?? 0);
    scratch.set(k.id, { x: k.x, y: k.y, width: k.width, height: k.height });
    if (k.children && k.children.length > 0) for (const c of k.children) visit(c, x, y);
    else centres.set(k.id, { x: x + (k.width ?? 0) / 2, y: y + (k.height ?? 0) / 2 });
  };
  for (const c of root.children ?? []) visit(c, 0, 0);
  const edges = (k: ElkNode) => {
    for (const e of k.edges ?? []) scratch.set(e.id, { sections: e.sections });
    for (const c of k.children ?? []) edges(c);
  };
  edges(root);
  return { centres, scratch };
}

/**
 * The `elk` layout for Cytoscape: ELK layered in the worker above, positions applied when it
 * answers, or at once when this very input was laid out before (layout-cache.ts). `stop` ends the layout at once (Cytoscape's contract: `layoutstop` is emitted) and a
 * late answer is dropped, so a canvas torn down mid-layout is never touched again.
 */
export class ElkWorkerLayout {
  declare options: ElkLayoutOptions & { cy: { width: () => number; height: () => number }; eles: Collection };
  declare emit: (event: string) => void;
  /** Set once positions are applied or the layout was stopped (no constructor runs: see below). */
  private stopped?: boolean;

  run(): this {
    const { options } = this;
    const { eles, cy } = options;
    const graph = elkGraph(
      eles,
      options,
      (n) => n.layoutDimensions(options as LayoutDimensionOptions),
      cy.width() / Math.max(1, cy.height()),
    );
    const key = layoutKey(graph);
    const cached = cachedLayout(key);
    if (cached) return this.apply(cached);
    const worker = elkWorker(options.elk);
    Promise.race([worker.layout(graph), workerFailed]).then(
      (laidOut: ElkNode) => {
        storeLayout(key, laidOut);
        if (!this.stopped) this.apply(laidOut);
      },
      (e: unknown) => {
        if (!this.stopped) options.onError?.(e);
      },
    );
    return this;
  }

  /** ELK's answer onto the graph: positions of the leaves, ELK's boxes and routes in the scratch. */
  private apply(laidOut: ElkNode): this {
    const { eles } = this.options;
    this.stopped = true;
    const { centres, scratch } = elkResult(laidOut);
    eles.forEach((e) => {
      const s = scratch.get(e.id());
      if (s) e.scratch('elk', s);
    });
    eles
      .nodes()
      .filter((n) => !n.isParent())
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
