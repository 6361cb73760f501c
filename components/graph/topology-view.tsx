'use client';
import dynamic from 'next/dynamic';
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { FindingList } from '@/components/diagnostics/finding-list';
import {
  countBySeverity,
  findingMarks,
  type HostFinding,
  hostFindings,
  joinMarks,
  representIndex,
} from '@/components/diagnostics/findings';
import { FindingsPanel } from '@/components/diagnostics/findings-panel';
import { actionsFor, deleteEdit, dropEdit, targetOf } from '@/components/editor/actions';
import { ContextMenu } from '@/components/editor/context-menu';
import { usePending } from '@/components/editor/use-pending';
import { Inspector } from '@/components/inspector/inspector';
import {
  ancestors,
  applyCollapse,
  buildSearchIndex,
  defaultCollapsed,
  diffElements,
  type GraphElement,
  goneAnchors,
  isNode,
  LARGE_GRAPH,
  searchIndex,
  type ToElementsOptions,
  toElements,
  vlanMembers,
  vlansInGraph,
} from '@/server/core/graph';
import type { HostModel } from '@/server/core/model';
import type { ChangeLine } from './change-lines';
import { ChangeList } from './change-list';
import { exportImage } from './download';
import { HelpPopover } from './help-popover';
import { GraphLegend } from './legend';
import { useServerLayout } from './server-layout';
import { type CanvasHandle, TopologyCanvas } from './topology-canvas';
import styles from './topology-view.module.css';
import { viewSearch } from './url-state';

// Panels that open on an operator's action load then, not with the page: their code (the trace,
// the change engine's edit forms, snapshot naming and their zod schemas) is kept out of the
// script a 500-node view runs before its first frame (docs/performance.md).
const TracePanel = dynamic(() => import('@/components/diagnostics/trace-panel').then((m) => m.TracePanel));
const EditorSide = dynamic(() => import('@/components/editor/editor-side').then((m) => m.EditorSide));
const TakeSnapshot = dynamic(() =>
  import('@/components/snapshots/take-snapshot').then((m) => m.TakeSnapshot),
);

export interface RefreshControls {
  onRefresh: () => void;
  busy: boolean;
  /** Auto-refresh period in ms; 0 = off. */
  intervalMs: number;
  setIntervalMs: (ms: number) => void;
}

export interface TopologyViewProps {
  models: HostModel[];
  /** Host names shown, in the URL (`hosts=`); null keeps the path's own host set (the home page). */
  urlHosts: string[] | null;
  initial: { select: string | null; vlan: number | null; q: string };
  banner?: ReactNode;
  /** Per-host problems, shown above the graph; the other hosts still render. */
  notices?: ReactNode;
  /** What the canvas says when there is no model to draw (default: "No host model to show yet."). */
  empty?: ReactNode;
  /** Absent where nothing may be refreshed (a viewer's session, /example, /bench): no control, no `r` key. */
  refresh?: RefreshControls;
  /** Still loading models: the canvas shows a placeholder. */
  loading?: boolean;
  /** Open big hosts collapsed (default); the bench turns it off to draw every node. */
  autoCollapse?: boolean;
  /** Edit mode for one host (operators): pending edits drawn on the graph, review and apply. */
  editor?: { hostId: string; hostName: string; onApplied: () => void };
  /** Packet traces on one inventory host (any role: a trace is read-only). */
  traceHostId?: string;
  /** Operators viewing inventory hosts: the Snapshot button (`s`) takes a snapshot of them. */
  snapshot?: { hostIds: string[]; hostNames: string[] };
  /**
   * Elements drawn instead of the models' own (a comparison's overlay); the models still feed
   * the inspector, search and lint.
   */
  elements?: GraphElement[];
  /**
   * Hosts of the inventory not drawn: a tunnel to one of their addresses ends on a ghost that
   * names the host ("compute, not shown") instead of "unknown host".
   */
  knownHosts?: ToElementsOptions['knownHosts'];
  /** A view's own key (a comparison's), shown beside the graph legend's button. */
  legend?: ReactNode;
  /** Selects and reveals an element from outside the view (a line of a comparison). */
  selectRequest?: { id: string; nonce: number } | null;
  testHandle: boolean;
}

const INTERVALS: [number, string][] = [
  [0, 'off'],
  [10_000, '10 s'],
  [30_000, '30 s'],
  [60_000, '1 min'],
  [300_000, '5 min'],
];

const CHANGE_HIGHLIGHT_MS = 5_000;

/** The topology view: toolbar, graph canvas and inspector over a set of host models. */
export function TopologyView(props: TopologyViewProps) {
  const {
    models,
    urlHosts,
    initial,
    banner,
    notices,
    empty,
    refresh,
    loading,
    testHandle,
    autoCollapse = true,
    editor,
    traceHostId,
    snapshot,
    elements,
    knownHosts,
    legend,
    selectRequest,
  } = props;
  const hostSet = useMemo(
    () =>
      models
        .map((m) => m.host)
        .sort()
        .join(','),
    [models],
  );
  const liveFull = useMemo(
    () => elements ?? toElements(models, knownHosts ? { knownHosts } : {}),
    [elements, models, knownHosts],
  );
  // Edit mode: the graph shows the host as the pending edits would leave it (overlay.ts).
  const [editing, setEditing] = useState(false);
  const [showDesired, setShowDesired] = useState(true);
  const { state: pending, dispatch } = usePending(editor?.hostId ?? '');
  const live = models.length === 1 ? models[0] : undefined;
  // The change engine (apply-edits, the structural diff) loads when edit mode first opens, not
  // with the page: most views never edit. Until it arrives the graph shows the host as it is.
  const [desired, setDesired] = useState<typeof import('@/components/editor/desired') | null>(null);
  useEffect(() => {
    if (editing && !desired) void import('@/components/editor/desired').then((m) => setDesired(() => m));
  }, [editing, desired]);
  const view = useMemo(
    () => (editing && editor && live && desired ? desired.desiredView(live, liveFull, pending.edits) : null),
    [editing, editor, live, liveFull, pending.edits, desired],
  );
  const full = view && showDesired ? view.elements : liveFull;
  const parentOf = useMemo(() => {
    const m = new Map<string, string>();
    for (const el of full) if (isNode(el) && el.data.parent) m.set(el.data.id, el.data.parent);
    return m;
  }, [full]);

  const [selected, setSelected] = useState<string | null>(initial.select);
  const [vlan, setVlan] = useState<number | null>(initial.vlan);
  const [query, setQuery] = useState(initial.q);
  const [showHits, setShowHits] = useState(false);
  const [help, setHelp] = useState(false);
  const [showSnapshot, setShowSnapshot] = useState(false);
  const [changed, setChanged] = useState<string[]>([]);
  const [focusRequest, setFocusRequest] = useState<{ id: string; nonce: number } | null>(
    initial.select ? { id: initial.select, nonce: 0 } : null,
  );
  const serverLayout = useServerLayout();
  const canvas = useRef<CanvasHandle | null>(null);
  const canvasBox = useRef<HTMLDivElement>(null);
  const searchInput = useRef<HTMLInputElement>(null);

  // Collapse state per host set: big hosts open collapsed, except around the deep-linked selection.
  const [collapsed, setCollapsed] = useState<{ hostSet: string; ids: Set<string> } | null>(null);
  const collapsedIds = useMemo(() => {
    if (collapsed && collapsed.hostSet === hostSet) return collapsed.ids;
    const ids = autoCollapse ? defaultCollapsed(full) : new Set<string>();
    for (const a of initial.select ? ancestors(parentOf, initial.select) : []) ids.delete(a);
    return ids;
  }, [collapsed, hostSet, full, parentOf, initial.select, autoCollapse]);
  const updateCollapsed = useCallback(
    (fn: (ids: Set<string>) => void) => {
      const ids = new Set(collapsedIds);
      fn(ids);
      setCollapsed({ hostSet, ids });
    },
    [collapsedIds, hostSet],
  );
  const visible = useMemo(() => applyCollapse(full, collapsedIds), [full, collapsedIds]);
  const visibleIds = useMemo(() => new Set(visible.map((e) => e.data.id)), [visible]);
  const standIn = useCallback(
    (id: string) => {
      if (visibleIds.has(id)) return id;
      return ancestors(parentOf, id).find((a) => visibleIds.has(a)) ?? id;
    },
    [visibleIds, parentOf],
  );

  const index = useMemo(() => buildSearchIndex(models, full), [models, full]);
  const hits = useMemo(() => searchIndex(index, query), [index, query]);
  const hitIds = useMemo(() => [...new Set(hits.map((h) => standIn(h.elementId)))], [hits, standIn]);
  const vlans = useMemo(() => vlansInGraph(full), [full]);
  const lit = useMemo(() => (vlan === null ? null : vlanMembers(visible, vlan)), [visible, vlan]);

  // Lint of the hosts as read; each finding glows on the elements (or the collapsed box) it names.
  const findings = useMemo(() => hostFindings(models, liveFull), [models, liveFull]);
  const represented = useMemo(() => representIndex(liveFull), [liveFull]);
  const [showFindings, setShowFindings] = useState(false);
  const [showTrace, setShowTrace] = useState(false);
  const [traceMarks, setTraceMarks] = useState<Map<string, string>>(() => new Map());
  const marks = useMemo(
    () =>
      joinMarks(
        findingMarks(findings.map((f) => ({ ...f, elementIds: f.elementIds.map(standIn) }))),
        new Map([...traceMarks].map(([id, cls]) => [standIn(id), cls])),
      ),
    [findings, traceMarks, standIn],
  );
  const findingCounts = countBySeverity(findings);

  // Refresh highlight: what appeared or changed since the previous read, and where something
  // disappeared (its container, or the far end of its edge), for a few seconds; meanwhile lines
  // above the graph name what is gone and what changed (the structural diff of the two reads).
  const previous = useRef<{ hostSet: string; elements: GraphElement[]; models: HostModel[] } | null>(null);
  const [gone, setGone] = useState<string[]>([]);
  const [changeLines, setChangeLines] = useState<ChangeLine[]>([]);
  // Counts refreshes that changed something; each restarts the highlight's time.
  const [highlights, setHighlights] = useState(0);
  const refreshSeq = useRef(0);
  useEffect(() => {
    const prev = previous.current;
    previous.current = { hostSet, elements: liveFull, models };
    if (!prev || prev.hostSet !== hostSet || prev.elements === liveFull) return;
    const d = diffElements(prev.elements, liveFull);
    const ids = [...d.appeared, ...d.changed, ...goneAnchors(prev.elements, liveFull, d.disappeared)];
    // A flow or a field the graph does not draw changes no element but is still a change. The
    // structural diff behind those lines loads with the first refresh, not with the page; only a
    // newer refresh drops this one's answer.
    const seq = ++refreshSeq.current;
    void import('./refresh-changes')
      .then(({ refreshChanges }) => refreshChanges(prev.models, models))
      // The lines add to the highlight; without the diff's code the highlight still stands.
      .catch((): ChangeLine[] => [])
      .then((lines) => {
        if (seq !== refreshSeq.current || (ids.length === 0 && lines.length === 0)) return;
        const goneNodes = new Set(d.disappeared);
        setGone(
          prev.elements
            .filter(isNode)
            .filter((n) => goneNodes.has(n.data.id) && n.data.kind !== 'ghost')
            .map((n) => `${n.data.label.split('\n')[0]} (${n.data.host})`),
        );
        setChanged([...new Set(ids.map(standIn))]);
        setChangeLines(lines);
        setHighlights((n) => n + 1);
      });
  }, [liveFull, hostSet, standIn, models]);
  // The highlight's timer lives apart from the effect above: that one re-runs when a box is
  // expanded (standIn changes), and its cleanup would cancel the timer and leave the highlight on.
  useEffect(() => {
    if (highlights === 0) return;
    const t = setTimeout(() => {
      setChanged([]);
      setGone([]);
      setChangeLines([]);
    }, CHANGE_HIGHLIGHT_MS);
    return () => clearTimeout(t);
  }, [highlights]);

  // The URL mirrors host set, selection, VLAN filter and search (deep links reopen them).
  useEffect(() => {
    const search = viewSearch(
      { ...(urlHosts ? { hosts: urlHosts } : {}), select: selected, vlan, q: query },
      window.location.search,
    );
    const url = `${window.location.pathname}${search}`;
    if (url !== `${window.location.pathname}${window.location.search}`)
      window.history.replaceState(null, '', url);
  }, [urlHosts, selected, vlan, query]);

  const reveal = useCallback(
    (id: string) => {
      const hidden = ancestors(parentOf, id).filter((a) => collapsedIds.has(a));
      if (hidden.length > 0)
        updateCollapsed((ids) => {
          for (const a of hidden) ids.delete(a);
        });
      setSelected(id);
      setFocusRequest((f) => ({ id, nonce: (f?.nonce ?? 0) + 1 }));
    },
    [parentOf, collapsedIds, updateCollapsed],
  );

  // An outside request (nonce: the same element may be asked for twice) selects and reveals it.
  const revealRef = useRef(reveal);
  revealRef.current = reveal;
  useEffect(() => {
    if (selectRequest) revealRef.current(selectRequest.id);
  }, [selectRequest]);

  const toggleCollapse = useCallback(
    (id: string) =>
      updateCollapsed((ids) => {
        if (ids.has(id)) ids.delete(id);
        else ids.add(id);
      }),
    [updateCollapsed],
  );

  const selectedNode = useMemo(() => {
    const el = selected ? full.find((x) => x.data.id === selected) : undefined;
    return el && isNode(el) ? el.data : null;
  }, [selected, full]);
  const target = targetOf(selectedNode?.modelId ?? null, selectedNode?.tag ?? null);
  const targetLabel = selectedNode?.modelId ? (selectedNode.label.split('\n')[0] ?? null) : null;
  // Namespace pickers offer the namespaces pending edits create too.
  const namespaces = useMemo(
    () => (view?.model ?? live)?.namespaces.map((n) => n.name).filter(Boolean) ?? [],
    [view, live],
  );
  const canEdit = editor !== undefined && live !== undefined;
  const canTrace = traceHostId !== undefined && live !== undefined;
  const canSnapshot = snapshot !== undefined && snapshot.hostIds.length > 0;
  // Edit mode's context menu on a node (right-click, or the ContextMenu key / Shift+F10).
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  const [actionRequest, setActionRequest] = useState<{ id: string; nonce: number } | null>(null);

  // Edit mode's drag and drop: a bridge onto a bridge patches them, a port onto a namespace moves it.
  const byId = useMemo(() => new Map(full.map((el) => [el.data.id, el])), [full]);
  const onDrop = useCallback(
    (dragged: string, onto: string | null) => {
      const d = byId.get(dragged);
      const o = onto ? byId.get(onto) : undefined;
      if (!d || !isNode(d)) return false;
      const edit = dropEdit(d.data, o && isNode(o) ? o.data : null);
      if (!edit) return false;
      dispatch({ type: 'add', edit });
      return true;
    },
    [byId, dispatch],
  );

  const onRefresh = refresh?.onRefresh;
  // The selection as of this render, for the key handler: a key pressed right after a click must
  // act on what was clicked, before the effect below has run again.
  const targetRef = useRef(target);
  targetRef.current = target;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = targetRef.current;
      const t = e.target as HTMLElement | null;
      const typing = t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT');
      if (e.key === 'Escape') {
        setSelected(null);
        setQuery('');
        setShowHits(false);
        setHelp(false);
        setShowSnapshot(false);
        if (typing) t.blur();
        return;
      }
      if (typing) return;
      if (editing && (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        dispatch({ type: e.shiftKey ? 'redo' : 'undo' });
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (editing && (e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10')) && target.kind !== 'none') {
        e.preventDefault();
        const box = canvasBox.current?.getBoundingClientRect();
        setMenu({ x: (box?.width ?? 200) / 2, y: (box?.height ?? 200) / 2 });
        return;
      }
      if (e.key === 'e' && canEdit) setEditing((x) => !x);
      else if (editing && (e.key === 'Delete' || e.key === 'Backspace')) {
        const del = deleteEdit(target);
        if (del) dispatch({ type: 'add', edit: del });
      } else if (e.key === 'f') canvas.current?.fit();
      else if (e.key === '/') {
        e.preventDefault();
        searchInput.current?.focus();
        setShowHits(true);
      } else if (e.key === 'r') onRefresh?.();
      else if (e.key === 't' && canTrace) setShowTrace((x) => !x);
      else if (e.key === 'l') setShowFindings((x) => !x);
      else if (e.key === 's' && canSnapshot) {
        // The form's name field takes the focus; the key must not land in it.
        e.preventDefault();
        setShowSnapshot((x) => !x);
      } else if (e.key === '?') setHelp((h) => !h);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onRefresh, editing, canEdit, canTrace, canSnapshot, dispatch]);

  const modelsByHost = useMemo(() => new Map(models.map((m) => [m.host, m])), [models]);
  // In edit mode the inspector shows what the graph shows: the host as the pending edits leave it.
  const desiredModels = useMemo(
    () => (view && showDesired ? new Map([[view.model.host, view.model]]) : modelsByHost),
    [view, showDesired, modelsByHost],
  );
  const selectionFindings = selected ? findings.filter((f) => f.elementIds.includes(selected)) : [];
  const inspector = {
    extra: (
      <FindingList
        findings={selectionFindings}
        {...(canEdit
          ? {
              onFix: (f: HostFinding) => {
                setEditing(true);
                for (const edit of f.fix ?? []) dispatch({ type: 'add', edit });
              },
            }
          : {})}
      />
    ),
    models: modelsByHost,
    elements: full,
    selectedId: selected,
    collapsed: collapsedIds,
    onSelect: (id: string | null) => (id ? reveal(id) : setSelected(null)),
    onToggleCollapse: toggleCollapse,
  };
  const large = visible.length > LARGE_GRAPH;
  const fileBase = `patchbay-${hostSet || 'graph'}`.replace(/[^\w.-]+/g, '_');

  return (
    <div className={styles.view}>
      <div className={styles.toolbar} role="toolbar" aria-label="Graph tools">
        <div style={{ position: 'relative' }}>
          <input
            ref={searchInput}
            type="search"
            placeholder="Search name, MAC, IP, vlan N  (/)"
            aria-label="Search"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setShowHits(true);
            }}
            onFocus={() => setShowHits(true)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && hits[0]) {
                reveal(hits[0].elementId);
                setShowHits(false);
                // Back to the graph's keys (Del, e, f…) for what was just found.
                e.currentTarget.blur();
              }
            }}
          />
          {showHits && query && (
            <div className={styles.hits} style={{ top: 28 }} data-testid="search-hits">
              {hits.length === 0 && <div style={{ padding: '3px 8px' }}>No match</div>}
              {hits.map((h) => (
                <button
                  type="button"
                  key={h.elementId}
                  onClick={() => {
                    reveal(h.elementId);
                    setShowHits(false);
                  }}
                >
                  {h.label}{' '}
                  <span className={styles.status}>
                    (
                    {h.text.startsWith(`${h.field} `) || h.field === 'name' ? h.text : `${h.field} ${h.text}`}
                    ) · {h.where}
                  </span>
                </button>
              ))}
            </div>
          )}
        </div>
        <label>
          VLAN{' '}
          <select
            aria-label="VLAN filter"
            value={vlan ?? ''}
            onChange={(e) => setVlan(e.target.value === '' ? null : Number(e.target.value))}
          >
            <option value="">all</option>
            {vlans.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => canvas.current?.fit()} title="Fit (f)">
          Fit
        </button>
        <button type="button" onClick={() => canvas.current?.zoomBy(1.25)} aria-label="Zoom in">
          +
        </button>
        <button type="button" onClick={() => canvas.current?.zoomBy(0.8)} aria-label="Zoom out">
          −
        </button>
        <button type="button" onClick={() => canvas.current?.relayout()}>
          Re-layout
        </button>
        {(['png', 'svg'] as const).map((format) => (
          <button
            key={format}
            type="button"
            onClick={() =>
              exportImage(format, canvas.current, { models, elements: visible, marks }, fileBase).catch(
                (e: unknown) => console.error(`patchbay: the ${format} export failed`, e),
              )
            }
          >
            Export {format.toUpperCase()}
          </button>
        ))}
        <span className={styles.spacer} />
        {refresh && (
          <>
            <label>
              Auto-refresh{' '}
              <select
                aria-label="Auto-refresh interval"
                value={refresh.intervalMs}
                onChange={(e) => refresh.setIntervalMs(Number(e.target.value))}
              >
                {INTERVALS.map(([ms, label]) => (
                  <option key={ms} value={ms}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" onClick={refresh.onRefresh} disabled={refresh.busy} title="Refresh (r)">
              {refresh.busy ? 'Refreshing…' : 'Refresh'}
            </button>
          </>
        )}
        <button
          type="button"
          aria-pressed={showFindings}
          onClick={() => setShowFindings((x) => !x)}
          title={`Lint (l): ${findingCounts.error} errors, ${findingCounts.warning} warnings, ${findingCounts.info} info`}
          data-testid="findings-toggle"
          className={findingCounts.error > 0 ? styles.alarm : undefined}
        >
          Findings ({findings.length})
        </button>
        {canSnapshot && (
          <button
            type="button"
            aria-pressed={showSnapshot}
            onClick={() => setShowSnapshot((x) => !x)}
            title="Take a snapshot of these hosts (s)"
            data-testid="snapshot-toggle"
          >
            Snapshot
          </button>
        )}
        {canTrace && (
          <button
            type="button"
            aria-pressed={showTrace}
            onClick={() => setShowTrace((x) => !x)}
            title="Trace a packet (t)"
            data-testid="trace-toggle"
          >
            Trace
          </button>
        )}
        {canEdit && (
          <button
            type="button"
            aria-pressed={editing}
            onClick={() => setEditing((x) => !x)}
            title="Edit mode (e)"
            data-testid="edit-mode"
          >
            {editing ? `Editing (${pending.edits.length} pending)` : 'Edit'}
          </button>
        )}
        <button
          type="button"
          onClick={() => setHelp((h) => !h)}
          aria-label="Keyboard shortcuts"
          title="Help (?)"
        >
          ?
        </button>
      </div>
      {banner && <div className={styles.banner}>{banner}</div>}
      {gone.length > 0 && (
        <div className={styles.banner} data-testid="gone" role="status">
          Gone since the last read: {gone.slice(0, 8).join(', ')}
          {gone.length > 8 ? ` and ${gone.length - 8} more` : ''}
        </div>
      )}
      <div className={styles.hostErrors}>
        {changeLines.length > 0 && (
          <ChangeList key={highlights} lines={changeLines} ms={CHANGE_HIGHLIGHT_MS} />
        )}
        {notices}
      </div>
      <div className={styles.canvasWrap} ref={canvasBox}>
        <TopologyCanvas
          key={large ? 'large' : 'small'}
          elements={visible}
          large={large}
          hostSet={hostSet}
          selectedId={selected ? standIn(selected) : null}
          onSelect={setSelected}
          onToggleCollapse={toggleCollapse}
          {...(editing
            ? { onDrop, onContext: (_id: string, at: { x: number; y: number }) => setMenu(at) }
            : {})}
          lit={lit}
          hits={hitIds}
          marks={marks}
          changed={changed}
          focusRequest={focusRequest}
          testHandle={testHandle}
          handleRef={canvas}
          serverLayout={serverLayout}
        />
        {loading && models.length === 0 && <div className={styles.overlay}>Loading topology…</div>}
        {!loading && models.length === 0 && (
          <div className={styles.overlay}>{empty ?? 'No host model to show yet.'}</div>
        )}
        {editing && menu && targetLabel && (
          <ContextMenu
            at={menu}
            title={targetLabel}
            actions={actionsFor(target, namespaces).filter(
              (a) => a.id !== 'add-bridge' && a.id !== 'add-namespace',
            )}
            onPick={(id) => setActionRequest((r) => ({ id, nonce: (r?.nonce ?? 0) + 1 }))}
            onDelete={(() => {
              const del = deleteEdit(target);
              return del ? () => dispatch({ type: 'add', edit: del }) : null;
            })()}
            onClose={() => setMenu(null)}
          />
        )}
        {showTrace && traceHostId && live && (
          <TracePanel
            hostId={traceHostId}
            model={live}
            port={target.kind === 'port' ? { bridge: target.bridge, port: target.port } : null}
            onMarks={setTraceMarks}
            onSelect={(id) => reveal(id)}
            onClose={() => setShowTrace(false)}
            ping={
              canEdit ? { elementOf: (modelId) => represented.get(`${live.host}\u0000${modelId}`) } : null
            }
          />
        )}
        {showFindings && !showTrace && (
          <FindingsPanel
            findings={findings}
            multiHost={models.length > 1}
            onSelect={(id) => reveal(id)}
            onClose={() => setShowFindings(false)}
          />
        )}
        {help && (
          <HelpPopover
            canRefresh={refresh !== undefined}
            canSnapshot={canSnapshot}
            onClose={() => setHelp(false)}
          />
        )}
        {showSnapshot && snapshot && (
          <TakeSnapshot
            hostIds={snapshot.hostIds}
            hostNames={snapshot.hostNames}
            onClose={() => setShowSnapshot(false)}
          />
        )}
        <GraphLegend elements={visible} marks={marks} extra={legend} />
      </div>
      <aside className={styles.inspector} aria-label={editing ? 'Editor' : 'Inspector'}>
        {editing && editor && view ? (
          <EditorSide
            inspector={{ ...inspector, models: desiredModels }}
            panel={{
              hostId: editor.hostId,
              live: live ?? view.model,
              hostName: editor.hostName,
              pending,
              dispatch,
              view,
              showDesired,
              setShowDesired,
              onApplied: editor.onApplied,
            }}
            target={target}
            targetLabel={targetLabel}
            namespaces={namespaces}
            request={actionRequest}
          />
        ) : (
          <Inspector {...inspector} />
        )}
      </aside>
    </div>
  );
}
