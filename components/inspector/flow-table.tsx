'use client';
import { useEffect, useMemo, useRef, useState } from 'react';
import { cookieGroups } from '@/server/core/flows/cookies';
import { ofportNames } from '@/server/core/flows/port-names';
import type { Bridge, HostModel } from '@/server/core/model';
import { FlowCookies } from './flow-cookies';
import type { FlowEdit } from './flow-delete';
import type { Jumps } from './flow-jump-text';
import { FlowLogic } from './flow-logic';
import { keepFlows, logicSections } from './flow-logic-view';
import type { RowContext } from './flow-row';
import { filterRows, flowRows } from './flow-rows';
import { FlowSortedTable } from './flow-sorted-table';
import { defaultFlowView, FLOW_VIEW_LABELS, FLOW_VIEWS, type FlowView } from './flow-views';
import styles from './inspector.module.css';

/** How long a section jumped to stays highlighted. */
const FLASH_MS = 1600;

/**
 * A bridge's OpenFlow flows as read by ovs-ofctl, in four views: logic (tables as sections, flows
 * folded into blocks, packet heat), the flat sortable table, by cookie, and the raw text. One filter
 * applies to all; port numbers are shown as names; a resubmit or goto_table leads to its table's
 * section; rows that match or output to the selected port are highlighted.
 */
export function FlowTable(props: {
  model: HostModel;
  bridge: Bridge;
  selectedPort: { name: string; ofport: number | null } | null;
  edit?: FlowEdit;
}) {
  const { model, bridge, selectedPort, edit } = props;
  const [filter, setFilter] = useState('');
  const [chosen, setChosen] = useState<FlowView | null>(null);
  const [flash, setFlash] = useState<{ key: string } | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const names = useMemo(() => ofportNames(model, bridge.name), [model, bridge.name]);
  const rows = useMemo(() => flowRows(model, bridge, selectedPort), [model, bridge, selectedPort]);
  const shown = useMemo(() => filterRows(rows, filter), [rows, filter]);
  const shownById = useMemo(() => new Map(shown.map((r) => [r.id, r])), [shown]);
  const known = useMemo(() => new Set(rows.map((r) => r.section)), [rows]);
  const flowById = useMemo(() => new Map((bridge.flows ?? []).map((f) => [f.id, f])), [bridge.flows]);
  const view = chosen ?? defaultFlowView(rows.length);
  // Folded only for the view that shows them: a bridge may hold thousands of flows.
  const sections = useMemo(
    () => (view === 'logic' ? logicSections(bridge.flows ?? [], names) : []),
    [view, bridge.flows, names],
  );
  const groups = useMemo(
    () => (view === 'cookies' ? cookieGroups(bridge.flows ?? []) : []),
    [view, bridge.flows],
  );

  // A jump lands on the section's heading once it is rendered (the view may have just switched).
  useEffect(() => {
    if (!flash) return;
    const heading = root.current?.querySelector<HTMLElement>(
      `section[data-table="${CSS.escape(flash.key)}"] h4`,
    );
    heading?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    heading?.focus({ preventScroll: true });
    const timer = setTimeout(() => setFlash(null), FLASH_MS);
    return () => clearTimeout(timer);
  }, [flash]);

  if (bridge.flows === null) {
    return (
      <div className={styles.error}>Flows could not be read: {bridge.flowsError ?? 'unknown error'}</div>
    );
  }
  const jumps: Jumps = {
    known,
    onJump: (key) => {
      setChosen('logic');
      // A table the filter hid entirely could not be shown: the filter gives way.
      if (!shown.some((r) => r.section === key)) setFilter('');
      setFlash({ key });
    },
  };
  const ctx: RowContext = { flowById, edit, jumps };
  const touching = rows.filter((r) => r.touches).length;
  return (
    <div data-testid="flow-table" ref={root}>
      <div className={styles.tools}>
        <input
          type="search"
          placeholder={`Filter ${rows.length} flows`}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          aria-label="Filter flows"
        />
        <fieldset className={styles.views}>
          <legend className={styles.srOnly}>Flow view</legend>
          {FLOW_VIEWS.map((v) => (
            <button
              key={v}
              type="button"
              className={styles.button}
              aria-pressed={view === v}
              onClick={() => setChosen(v)}
            >
              {FLOW_VIEW_LABELS[v]}
            </button>
          ))}
        </fieldset>
        {edit && (
          <button type="button" className={styles.button} onClick={edit.onAdd}>
            Add flow…
          </button>
        )}
      </div>
      {selectedPort && (
        <div className={styles.sub}>
          {touching} flow{touching === 1 ? '' : 's'} match or output to {selectedPort.name} (highlighted)
        </div>
      )}
      {view === 'logic' && (
        <FlowLogic
          sections={keepFlows(sections, (id) => shownById.has(id))}
          rowById={shownById}
          ctx={ctx}
          flash={flash?.key ?? null}
        />
      )}
      {view === 'table' && <FlowSortedTable rows={shown} ctx={ctx} />}
      {view === 'cookies' && <FlowCookies groups={groups} rowById={shownById} ctx={ctx} />}
      {view === 'raw' && (
        <pre className={styles.raw} data-testid="flow-raw">
          {bridge.flows
            .filter((f) => shownById.has(f.id))
            .map((f) => f.raw)
            .join('\n')}
        </pre>
      )}
    </div>
  );
}
