'use client';
import cytoscape, {
  type Core,
  type ElementDefinition,
  type LayoutOptions,
  type Layouts,
  type NodeCollection,
  type NodeSingular,
} from 'cytoscape';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { type Ref, useEffect, useImperativeHandle, useMemo, useRef } from 'react';
import {
  CANVAS_COLOR,
  CANVAS_DATA,
  flattenContainers,
  type GraphElement,
  graphStyle,
  LABEL_MIN_ZOOM,
  MARK_CLASSES,
  type Positions,
  TITLE_ROOM,
  UNPLACED_CLASS,
} from '@/server/core/graph';
import type { LayoutRequest } from '@/server/core/layout';
import { exportSvg, freshBounds } from './cytoscape-setup';
import { applyRoutes, clearRoutes, clearRoutesAt } from './edge-routes';
import { elkBoxes, elkWorker, forgetElkBoxes, prefetchLayout } from './elk-layout';
import { chooseLayout, ELK_LAYOUT, fitsElk, gridLayoutOptions, layoutRequestOf, titleRooms } from './layout';
import { pinNoBackgroundImages } from './no-background-images';
import { clearPositions, loadPositions, savePositions } from './positions';
import { sameContainers, stablePositions } from './stable-positions';
import { styleAll, wholeGraphPass } from './style-pass';

declare global {
  interface Window {
    /** Test handle (only when the server runs with PATCHBAY_TEST_HANDLE=1), see docs/testing.md. */
    __patchbay?: {
      cy: Core;
      /** The last layout finished and the graph is interactive. */
      ready: boolean;
      /** performance.now() of the first frame that drew elements, and of the first `ready`. */
      firstFrameMs?: number;
      readyMs?: number;
      /**
       * performance.now() when the canvas was first filled with elements (Cytoscape created, the
       * first layout asked for), and when that layout's positions came (its answer's handling
       * starts): the bench's phases.
       */
      filledMs?: number;
      placedMs?: number;
      /** performance.now() of the latest `ready` (a refresh's re-layout, for the bench). */
      lastReadyMs?: number;
      /** ELK's box of an element from the last ELK layout (elk-layout.ts elkBoxes). */
      elkBox: (id: string) => { width?: number; height?: number } | undefined;
      /** The size the ELK layout is given for a node: a leaf's box, a container's title. */
      layoutSize: (id: string) => { w: number; h: number };
    };
    /** The bench page's one change: a tenant more (port, namespace, link), as a refresh brings it. */
    __patchbayBench?: { grow: () => void };
  }
}

export interface CanvasHandle {
  fit: () => void;
  zoomBy: (factor: number) => void;
  relayout: () => void;
  focus: (id: string) => void;
  /** Size of the whole graph in graph units, labels included (measured afresh: see freshBounds). */
  bounds: () => { w: number; h: number } | null;
  /** The whole graph as a PNG, `scale` device pixels per graph unit. */
  png: (scale: number) => Blob | null;
  /** The whole graph as an SVG document, one unit per graph unit. */
  svg: () => Promise<string | null>;
}

export interface TopologyCanvasProps {
  elements: GraphElement[];
  /**
   * Selects the cheaper renderer settings and draws containers as plain boxes on the grid (no
   * compound nodes, see flatten.ts); the parent remounts the canvas when this flips.
   */
  large: boolean;
  /** Key of the host set, for saved positions. */
  hostSet: string;
  selectedId: string | null;
  onSelect: (id: string | null) => void;
  onToggleCollapse: (id: string) => void;
  /**
   * Edit mode: a node dropped onto a container (or null: onto nothing). Returns true when the
   * drop became an edit; the node then goes back where it was (the overlay draws the result).
   */
  onDrop?: (dragged: string, onto: string | null) => boolean;
  /** Edit mode: a node's context menu was asked for, at this point of the canvas. */
  onContext?: (id: string, at: { x: number; y: number }) => void;
  /** Ids that stay lit under the VLAN filter; null when no filter is set. */
  lit: ReadonlySet<string> | null;
  hits: readonly string[];
  changed: readonly string[];
  /** Extra classes by element id, space-separated (MARK_CLASSES: lint findings, a packet trace). */
  marks?: ReadonlyMap<string, string>;
  /** Centre on an element once it is drawn (after the layout, when one is running). */
  focusRequest: { id: string; nonce: number } | null;
  testHandle: boolean;
  handleRef?: Ref<CanvasHandle | null>;
  /** ELK on the server (signed-in pages): warm and shared, the browser's worker when it fails. */
  serverLayout?: (req: LayoutRequest) => Promise<ElkNode>;
}

/**
 * The innermost container (host, namespace or bridge box) under the centre of a dropped node,
 * leaving out the node itself and what it contains; null when it lies on no container.
 */
function dropTarget(cy: Core, n: NodeSingular): string | null {
  const at = n.position();
  const own = new Set([n.id(), ...n.descendants().map((d) => d.id())]);
  let best: { id: string; area: number } | null = null;
  cy.nodes(':parent, [kind = "bridge"], [kind = "namespace"], [kind = "host"]').forEach((c) => {
    if (own.has(c.id())) return;
    const b = c.boundingBox({});
    if (at.x < b.x1 || at.x > b.x2 || at.y < b.y1 || at.y > b.y2) return;
    const area = b.w * b.h;
    if (!best || area < best.area) best = { id: c.id(), area };
  });
  return (best as { id: string } | null)?.id ?? null;
}

/**
 * The container whose title lies under `at` (model coordinates), if any. Cytoscape draws edges
 * over containers, so an edge crossing a title would otherwise take a click meant for the title.
 */
function titleAt(cy: Core, at: { x: number; y: number } | undefined): string | null {
  if (!at) return null;
  const hit = cy.nodes(':parent').filter((c) => {
    const b = c.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true });
    return b.w > 0 && at.x >= b.x1 && at.x <= b.x2 && at.y >= b.y1 && at.y <= b.y2;
  });
  return hit.nonempty() ? hit.last().id() : null;
}

/** Each container's TITLE_ROOM from its last ELK box (layout.ts titleRooms), where it changed. */
function setTitleRooms(cy: Core): void {
  for (const [n, room] of titleRooms(cy.nodes(':parent').toArray() as NodeSingular[], elkBoxes(cy)))
    if (n.data(TITLE_ROOM) !== room) n.data(TITLE_ROOM, room);
}

/** Room around the graph, in screen pixels, when it is fitted to the canvas. */
const FIT_PADDING = 30;

/**
 * The zoom `cy.fit` will choose for the graph as ELK laid it out (its top-level boxes: close to
 * what Cytoscape measures once it has styled the graph); null without ELK boxes.
 */
function elkFitZoom(cy: Core, padding: number): number | null {
  const boxes = elkBoxes(cy);
  let [x1, y1, x2, y2] = [Infinity, Infinity, -Infinity, -Infinity];
  cy.nodes()
    .orphans()
    .forEach((n) => {
      const b = boxes.get(n.id());
      if (b?.x === undefined || b.y === undefined || !b.width || !b.height) return;
      [x1, y1] = [Math.min(x1, b.x), Math.min(y1, b.y)];
      [x2, y2] = [Math.max(x2, b.x + b.width), Math.max(y2, b.y + b.height)];
    });
  if (!(x2 > x1 && y2 > y1)) return null;
  const zoom = Math.min((cy.width() - 2 * padding) / (x2 - x1), (cy.height() - 2 * padding) / (y2 - y1));
  return Math.min(cy.maxZoom(), Math.max(cy.minZoom(), zoom));
}

/**
 * Adds, removes and updates by id inside one batch; true when nodes appeared or disappeared.
 * `unplaced`: new nodes are not drawn until the layout that follows has placed them.
 */
function sync(cy: Core, elements: GraphElement[], unplaced: boolean): boolean {
  const next = new Map(elements.map((e) => [e.data.id, e]));
  let structural = false;
  cy.batch(() => {
    const gone = cy.elements().filter((e) => !next.has(e.id()));
    if (gone.nonempty()) {
      structural ||= gone.nodes().nonempty();
      cy.remove(gone);
    }
    const add: ElementDefinition[] = [];
    for (const def of elements) {
      const ele = cy.getElementById(def.data.id);
      if (ele.empty()) {
        add.push(def);
        continue;
      }
      // What the canvas itself set (CANVAS_DATA) is not the graph's: it stays until the next layout.
      const before = { ...(ele.data() as Record<string, unknown>) };
      for (const k of CANVAS_DATA) delete before[k];
      const wanted = def.data as unknown as Record<string, unknown>;
      if (ele.isNode() && (before.parent ?? null) !== (wanted.parent ?? null)) {
        (ele as NodeSingular).move({ parent: (wanted.parent as string | undefined) ?? null });
        structural = true;
      }
      if (JSON.stringify(before) !== JSON.stringify(wanted)) {
        for (const k of Object.keys(before)) if (!(k in wanted)) ele.removeData(k);
        ele.data(wanted);
      }
    }
    if (add.length > 0) {
      const added = cy.add(add);
      pinNoBackgroundImages(added.nodes());
      if (unplaced) added.nodes().addClass(UNPLACED_CLASS);
      structural ||= added.nodes().nonempty();
    }
  });
  return structural;
}

/**
 * The Cytoscape canvas. Owns the `cy` lifecycle: created in an effect, layouts stopped and `cy`
 * destroyed in the cleanup (strict mode mounts twice). Refreshes patch elements by id instead of
 * recreating the graph, so the viewport and dragged positions survive.
 */
export function TopologyCanvas(props: TopologyCanvasProps) {
  const { large } = props;
  const flat = useMemo(() => (large ? flattenContainers(props.elements) : null), [large, props.elements]);
  const elements = flat?.elements ?? props.elements;
  const { hostSet, selectedId, lit, hits, changed, marks, focusRequest, testHandle, handleRef } = props;
  const containerRef = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const layoutRef = useRef<Layouts | null>(null);
  /** Number of the last layout started; `layingOut` until it stopped (also while ELK loads). */
  const layoutRun = useRef(0);
  const layingOut = useRef(false);
  const labelsRef = useRef(true);
  /**
   * Cytoscape's batch held open while the first layout runs: its render loop draws nothing while
   * batching, so the nodes are not drawn piled where they were added (a full draw, ~0.3 s at 500
   * nodes, that held up the layout's answer). Released before anything reads bounds.
   */
  const holding = useRef(false);
  const everLaidOut = useRef(false);
  const callbacks = useRef({
    onSelect: props.onSelect,
    onToggleCollapse: props.onToggleCollapse,
    onDrop: props.onDrop,
    onContext: props.onContext,
  });
  callbacks.current = {
    onSelect: props.onSelect,
    onToggleCollapse: props.onToggleCollapse,
    onDrop: props.onDrop,
    onContext: props.onContext,
  };
  /** Where the dragged nodes were when grabbed, to put them back after a drop that became an edit. */
  const grabbed = useRef<Map<string, { x: number; y: number }>>(new Map());
  const elementsRef = useRef(elements);
  elementsRef.current = elements;
  const presetRef = useRef<Positions | null>(null);
  presetRef.current = flat?.positions ?? null;
  const hostSetRef = useRef(hostSet);
  hostSetRef.current = hostSet;
  const serverLayoutRef = useRef(props.serverLayout);
  serverLayoutRef.current = props.serverLayout;
  const pendingFocus = useRef<string | null>(null);
  const handledFocus = useRef(-1);
  /** The elements whose first layout was asked for ahead (prefetch). */
  const prefetched = useRef<GraphElement[] | null>(null);

  const focus = (id: string) => {
    const cy = cyRef.current;
    const ele = cy?.getElementById(id);
    if (!cy || !ele || ele.empty()) return;
    cy.fit(ele.closedNeighborhood(), 80);
    if (cy.zoom() > 1.6) {
      cy.zoom(1.6);
      cy.center(ele);
    }
  };

  const release = (cy: Core) => {
    if (!holding.current) return;
    holding.current = false;
    cy.endBatch();
  };

  const setReady = (ready: boolean) => {
    if (containerRef.current) containerRef.current.dataset.ready = String(ready);
    const handle = window.__patchbay;
    if (handle && handle.cy === cyRef.current) {
      handle.ready = ready;
      if (ready) {
        handle.lastReadyMs = performance.now();
        handle.readyMs ??= handle.lastReadyMs;
      }
    }
  };

  // Labels come and go by swapping the whole stylesheet when the zoom crosses the threshold (a
  // swap restyles every element once; a per-element toggle costs far more). Zoomed out, titles
  // are cut to the room of their last ELK box (TITLE_ROOM), set in the same batch: a container's
  // data change restyles all it holds, a second full restyle when it came after the layout.
  const showLabels = (cy: Core, want: boolean): boolean => {
    if (want === labelsRef.current) return false;
    labelsRef.current = want;
    wholeGraphPass(cy, () =>
      cy.batch(() => {
        if (!want) setTitleRooms(cy);
        cy.style(graphStyle({ large, labels: want }));
      }),
    );
    styleAll(cy);
    return true;
  };

  /**
   * The first layout's request leaves before Cytoscape is created and filled with the elements,
   * so ELK's answer travels meanwhile (elk-layout.ts prefetchLayout); that layout then waits for
   * it instead of asking. Only an ELK layout is asked ahead, and only for a canvas never laid out.
   */
  const prefetch = (host: HTMLElement) => {
    const elements = elementsRef.current;
    if (everLaidOut.current || elements.length === 0 || prefetched.current === elements) return;
    prefetched.current = elements;
    if (chooseLayout(elements, loadPositions(hostSetRef.current), presetRef.current).name !== 'elk') return;
    const aspectRatio = host.clientWidth / Math.max(1, host.clientHeight);
    prefetchLayout(layoutRequestOf(elements, aspectRatio), serverLayoutRef.current);
  };

  /**
   * `keep`: the positions before a refresh's change; the new layout then only places the new
   * nodes (stable-positions.ts) and the viewport stays where the operator left it.
   */
  const runLayout = (forget: boolean, keep?: Map<string, { x: number; y: number }>) => {
    const cy = cyRef.current;
    if (!cy) return;
    release(cy);
    const previous = layoutRef.current;
    layoutRef.current = null;
    previous?.stop();
    const run = ++layoutRun.current;
    layingOut.current = true;
    if (forget) clearPositions(hostSetRef.current);
    const saved = forget ? {} : loadPositions(hostSetRef.current);
    setReady(false);
    const start = (options: LayoutOptions) => {
      if (cyRef.current !== cy || layoutRun.current !== run) return;
      // The canvas's size as it is now, not as Cytoscape last measured it (its box shrinks when
      // the notices above it arrive with the models): ELK is given its aspect ratio.
      cy.resize();
      const layout = cy.layout(options);
      layoutRef.current = layout;
      layout.one('layoutstop', () => {
        if (cyRef.current !== cy || layoutRef.current !== layout) return;
        const handle = window.__patchbay;
        if (handle?.cy === cy && cy.nodes().nonempty()) handle.placedMs ??= performance.now();
        release(cy);
        // An empty canvas's layout placed nothing: the first nodes still wait undrawn for theirs.
        if (cy.nodes().nonempty()) everLaidOut.current = true;
        cy.batch(() => {
          // Title rooms come from this run's ELK boxes; they are used zoomed out only (showLabels).
          if (options.name !== 'elk') forgetElkBoxes(cy);
          else if (!labelsRef.current) setTitleRooms(cy);
          if (keep) {
            const leaves = cy.nodes().filter((n) => !n.isParent()) as NodeCollection;
            const laidOut = new Map(leaves.map((n) => [n.id(), { ...n.position() }]));
            const shape = leaves.map((n) => ({ id: n.id(), ancestors: n.ancestors().map((a) => a.id()) }));
            for (const [id, pos] of stablePositions(shape, keep, laidOut)) {
              const n = cy.getElementById(id);
              if (!n.grabbed()) n.position(pos);
            }
          }
          const moved = new Set<string>();
          for (const [id, pos] of Object.entries(saved)) {
            const n = cy.getElementById(id);
            if (n.nonempty() && n.isNode() && !n.isParent() && !n.grabbed()) {
              n.position(pos);
              moved.add(id);
            }
          }
          // ELK's routes fit ELK's positions only: none after a refresh kept the old picture.
          if (options.name === 'elk' && !keep) applyRoutes(cy, elkBoxes(cy), moved);
          else clearRoutes(cy.edges());
          cy.nodes(`.${UNPLACED_CLASS}`).removeClass(UNPLACED_CLASS);
        });
        if (!keep) {
          // Labels or not as the fit will show them, told from ELK's boxes before Cytoscape
          // measures the graph: measuring it labelled, then swapping the stylesheet, cost a
          // second bounds pass (~0.2 s at 500 nodes). Checked again after the fit.
          const guess = options.name === 'elk' ? elkFitZoom(cy, FIT_PADDING) : null;
          if (guess !== null) showLabels(cy, guess >= LABEL_MIN_ZOOM);
          styleAll(cy);
          cy.fit(undefined, FIT_PADDING);
          // Zoomed out, a small graph keeps bigger container titles (graphStyle): they widen the
          // containers, so fit once more to keep them in view.
          if (showLabels(cy, cy.zoom() >= LABEL_MIN_ZOOM) && !large && !labelsRef.current)
            cy.fit(undefined, FIT_PADDING);
        }
        layoutRef.current = null;
        layingOut.current = false;
        if (pendingFocus.current) focus(pendingFocus.current);
        pendingFocus.current = null;
        setReady(true);
      });
      layout.run();
      // Still waiting for ELK's answer on a canvas never laid out: draw nothing until it comes.
      if (layoutRef.current === layout && !everLaidOut.current && !holding.current) {
        cy.startBatch();
        holding.current = true;
      }
    };
    const options = chooseLayout(elementsRef.current, saved, presetRef.current);
    if (options.name !== 'elk') start(options);
    else
      start({
        ...options,
        remote: serverLayoutRef.current,
        onError: (e: unknown) => {
          console.error('patchbay: the ELK layout failed, using the grid', e);
          start(gridLayoutOptions(elementsRef.current, saved));
        },
      } as LayoutOptions);
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: cy is created once per mount; `large` remounts via key.
  useEffect(() => {
    const host = containerRef.current;
    if (!host) return;
    // Without the server's ELK, the browser's worker boots while the page fills (elk-layout.ts);
    // with it, that boot would only take CPU from the page and the server.
    if (!serverLayoutRef.current && typeof Worker !== 'undefined') elkWorker();
    prefetch(host);
    // A fresh element per mount: a layout of the previous mount may still be finishing.
    const container = document.createElement('div');
    container.style.cssText = 'position:absolute;inset:0';
    host.append(container);
    // Graphs on the grid open zoomed out: no labels until the fit shows they are readable, so the
    // first style pass skips them. ELK sizes nodes with their labels, so those start with them.
    labelsRef.current = fitsElk(elementsRef.current, presetRef.current);
    const cy = cytoscape({
      container,
      style: graphStyle({ large, labels: labelsRef.current }),
      elements: [],
      minZoom: 0.02,
      maxZoom: 4,
      boxSelectionEnabled: false,
      selectionType: 'single',
      hideEdgesOnViewport: large,
      textureOnViewport: large,
      pixelRatio: large ? 1 : 'auto',
    });
    cyRef.current = cy;
    cy.on('zoom', () => {
      if (!layingOut.current) showLabels(cy, cy.zoom() >= LABEL_MIN_ZOOM);
    });
    cy.on('tap', (e) => {
      const target = e.target === cy ? null : (e.target as NodeSingular);
      // A title wins over what lies under it: an edge crossing it, or the box holding its box.
      const title = target && (target.isEdge() || target.isParent()) ? titleAt(cy, e.position) : null;
      const inside =
        title !== null && (target?.isEdge() || target?.descendants().contains(cy.getElementById(title)));
      callbacks.current.onSelect((inside ? title : null) ?? target?.id() ?? null);
    });
    // Right-click (or a long press): the node is selected and its menu opens where it was clicked.
    cy.on('cxttap', 'node', (e) => {
      const id = (e.target as NodeSingular).id();
      callbacks.current.onSelect(id);
      callbacks.current.onContext?.(id, e.renderedPosition);
    });
    cy.on('dbltap', 'node', (e) => {
      const n = e.target as NodeSingular;
      if (n.isParent() || n.data('collapsed') || n.data('depth') !== undefined)
        callbacks.current.onToggleCollapse(n.id());
    });
    const leaves = (n: NodeSingular) =>
      n.isParent()
        ? n
            .descendants()
            .filter((d) => !d.isParent())
            .toArray()
        : [n];
    cy.on('drag', 'node', (e) => clearRoutesAt(e.target as NodeSingular));
    cy.on('grab', 'node', (e) => {
      grabbed.current = new Map(
        leaves(e.target as NodeSingular).map((m) => [m.id(), { ...(m as NodeSingular).position() }]),
      );
    });
    cy.on('dragfree', 'node', (e) => {
      const n = e.target as NodeSingular;
      const moved = leaves(n);
      const drop = callbacks.current.onDrop;
      if (drop?.(n.id(), dropTarget(cy, n))) {
        for (const m of moved) {
          const at = grabbed.current.get(m.id());
          if (at) (m as NodeSingular).position(at);
        }
        return;
      }
      const saved: Positions = loadPositions(hostSetRef.current);
      for (const m of moved) saved[m.id()] = { ...(m as NodeSingular).position() };
      savePositions(hostSetRef.current, saved);
    });
    if (testHandle)
      window.__patchbay = {
        cy,
        ready: false,
        elkBox: (id) => elkBoxes(cy).get(id),
        layoutSize: (id) => {
          const n = cy.getElementById(id) as NodeSingular;
          return n.isParent() ? ELK_LAYOUT.containerTitle(n) : ELK_LAYOUT.leafSize(n);
        },
      };
    return () => {
      const running = layoutRef.current;
      layoutRef.current = null;
      layingOut.current = false;
      release(cy);
      cyRef.current = null;
      if (window.__patchbay?.cy === cy) delete window.__patchbay;
      container.remove();
      // ELK finishes asynchronously and touches the renderer: destroy only after it stopped.
      if (running) {
        running.one('layoutstop', () => cy.destroy());
        running.stop();
      } else cy.destroy();
    };
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runLayout reads refs only.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    // Filling an empty canvas: its layout asked ahead, and the stylesheet that layout needs
    // picked before any element is styled.
    if (cy.elements().empty()) {
      if (containerRef.current) prefetch(containerRef.current);
      showLabels(cy, fitsElk(elements, presetRef.current));
    }
    // A refresh keeps the picture: remember where every drawn node is, and which were boxes.
    const drawn = !layingOut.current && cy.nodes().nonempty();
    const before = drawn ? new Map(cy.nodes().map((n) => [n.id(), { ...n.position() }])) : undefined;
    const boxesBefore = drawn ? new Map(cy.nodes().map((n) => [n.id(), n.isParent()])) : undefined;
    // Nodes a refresh brings wait, undrawn, for the layout (the first layout draws nothing at all).
    const structural = sync(cy, elements, everLaidOut.current);
    const handle = window.__patchbay;
    if (handle?.cy === cy && cy.elements().nonempty()) handle.filledMs ??= performance.now();
    if (handle?.cy === cy && handle.firstFrameMs === undefined && cy.elements().nonempty()) {
      // Cytoscape emits `render` once it drew a frame (none while the first layout holds the
      // batch); the next animation frame has painted it.
      cy.one('render', () =>
        requestAnimationFrame(() => {
          handle.firstFrameMs ??= performance.now();
        }),
      );
    }
    const keep =
      before &&
      boxesBefore &&
      sameContainers(boxesBefore, new Map(cy.nodes().map((n) => [n.id(), n.isParent()])))
        ? before
        : undefined;
    if (structural || cy.nodes().empty()) runLayout(false, keep);
    else if (!layingOut.current) setReady(true);
  }, [elements]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: elements added by a refresh need the classes too.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    // Collection-wide class changes: per-element toggles cost seconds on 5,000 nodes.
    const byIds = (ids: Iterable<string>) => {
      let c = cy.collection();
      for (const id of ids) c = c.union(cy.getElementById(id));
      return c;
    };
    cy.batch(() => {
      cy.$('.dimmed, .hit, .changed').removeClass('dimmed hit changed');
      if (lit !== null)
        cy.elements()
          .filter((e) => !lit.has(e.id()))
          .addClass('dimmed');
      if (hits.length > 0) byIds(hits).addClass('hit');
      if (changed.length > 0) byIds(changed).addClass('changed');
      cy.$(MARK_CLASSES.map((c) => `.${c}`).join(', ')).removeClass(MARK_CLASSES.join(' '));
      const byClass = new Map<string, string[]>();
      for (const [id, classes] of marks ?? [])
        for (const cls of classes.split(' ')) {
          const ids = byClass.get(cls);
          if (ids) ids.push(id);
          else byClass.set(cls, [id]);
        }
      for (const [cls, ids] of byClass) byIds(ids).addClass(cls);
    });
  }, [elements, lit, hits, changed, marks]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the selected element may arrive with a refresh.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.batch(() => {
      cy.$(':selected').unselect();
      if (selectedId) cy.getElementById(selectedId).select();
    });
  }, [elements, selectedId]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a focus request waits for elements and layout.
  useEffect(() => {
    if (!focusRequest || focusRequest.nonce === handledFocus.current) return;
    handledFocus.current = focusRequest.nonce;
    if (layingOut.current) pendingFocus.current = focusRequest.id;
    else focus(focusRequest.id);
  }, [focusRequest, elements]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the handle only reads refs.
  useImperativeHandle(
    handleRef,
    () => ({
      fit: () => cyRef.current?.fit(undefined, FIT_PADDING),
      zoomBy: (factor) => {
        const cy = cyRef.current;
        if (!cy) return;
        cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
      },
      relayout: () => runLayout(true),
      focus,
      bounds: () => {
        const cy = cyRef.current;
        if (!cy) return null;
        const bb = freshBounds(cy);
        return { w: Math.ceil(bb.w), h: Math.ceil(bb.h) };
      },
      png: (scale) => {
        const cy = cyRef.current;
        if (!cy) return null;
        const bb = freshBounds(cy);
        // maxWidth/maxHeight rather than `scale`: with `scale` Cytoscape also multiplies by the
        // screen's pixel ratio, and the frame around the image needs to know its exact size.
        return cy.png({
          full: true,
          output: 'blob',
          bg: CANVAS_COLOR,
          maxWidth: Math.ceil(bb.w) * scale,
          maxHeight: Math.ceil(bb.h) * scale,
        });
      },
      svg: async () => (cyRef.current ? exportSvg(cyRef.current) : null),
    }),
    [],
  );

  return (
    <div
      ref={containerRef}
      className="topology-canvas"
      data-testid="topology-canvas"
      data-ready="false"
      style={{ position: 'relative', width: '100%', height: '100%', minHeight: 400 }}
    />
  );
}
