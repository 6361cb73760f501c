'use client';
import { useMemo, useState } from 'react';
import type { Bridge, Flow, HostModel } from '@/server/core/model';
import { type FlowSortKey, filterAndSort, flowRows } from './flow-rows';
import styles from './inspector.module.css';

const COLUMNS: { key: FlowSortKey; label: string }[] = [
  { key: 'table', label: 'table' },
  { key: 'priority', label: 'prio' },
  { key: 'match', label: 'match' },
  { key: 'actions', label: 'actions' },
  { key: 'nPackets', label: 'packets' },
];

/** Edit mode: each row can be deleted, and a flow added (the editor's add-flow form opens). */
export interface FlowEdit {
  onDelete: (flow: Flow) => void;
  onAdd: () => void;
}

/**
 * A bridge's OpenFlow table as read by ovs-ofctl: sortable, filterable, port numbers shown as
 * names; rows that match or output to the selected port are highlighted; raw text one click away.
 */
export function FlowTable(props: {
  model: HostModel;
  bridge: Bridge;
  selectedPort: { name: string; ofport: number | null } | null;
  edit?: FlowEdit;
}) {
  const { model, bridge, selectedPort, edit } = props;
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<{ key: FlowSortKey; desc: boolean }>({ key: 'table', desc: false });
  const [raw, setRaw] = useState(false);
  const rows = useMemo(() => flowRows(model, bridge, selectedPort), [model, bridge, selectedPort]);
  const shown = useMemo(() => filterAndSort(rows, filter, sort.key, sort.desc), [rows, filter, sort]);
  const flowById = useMemo(() => new Map((bridge.flows ?? []).map((f) => [f.id, f])), [bridge.flows]);

  if (bridge.flows === null) {
    return (
      <div className={styles.error}>Flows could not be read: {bridge.flowsError ?? 'unknown error'}</div>
    );
  }
  const touching = rows.filter((r) => r.touches).length;
  return (
    <div data-testid="flow-table">
      <div className={styles.tools}>
        <input
          type="search"
          placeholder={`Filter ${rows.length} flows`}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          aria-label="Filter flows"
        />
        <button type="button" className={styles.button} onClick={() => setRaw((r) => !r)}>
          {raw ? 'Table' : 'Raw'}
        </button>
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
      {raw ? (
        <pre className={styles.raw} data-testid="flow-raw">
          {(bridge.flows ?? []).map((f) => f.raw).join('\n')}
        </pre>
      ) : (
        <table className={styles.table}>
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th
                  key={c.key}
                  onClick={() =>
                    setSort((s) => ({ key: c.key, desc: s.key === c.key ? !s.desc : c.key === 'nPackets' }))
                  }
                  aria-sort={sort.key === c.key ? (sort.desc ? 'descending' : 'ascending') : 'none'}
                >
                  {c.label}
                  {sort.key === c.key ? (sort.desc ? ' ▼' : ' ▲') : ''}
                </th>
              ))}
              {edit && <th aria-label="Delete" />}
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr
                key={r.id}
                className={r.touches ? styles.touch : undefined}
                data-touches={r.touches || undefined}
              >
                <td title={r.tableName}>{r.table}</td>
                <td>{r.priority}</td>
                <td>{r.match || '(any)'}</td>
                <td>{r.actions}</td>
                <td>{r.nPackets ?? '—'}</td>
                {edit && (
                  <td>
                    <button
                      type="button"
                      className={styles.button}
                      aria-label={`Delete flow table=${r.table} priority=${r.priority} ${r.match || '(any)'}`}
                      title="Delete this flow (pending until applied)"
                      onClick={() => {
                        const flow = flowById.get(r.id);
                        if (flow) edit.onDelete(flow);
                      }}
                    >
                      ×
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
