'use client';
import { useMemo, useState } from 'react';
import { FlowRowView, type RowContext } from './flow-row';
import { type FlowRow, type FlowSortKey, filterAndSort } from './flow-rows';
import styles from './inspector.module.css';

const COLUMNS: { key: FlowSortKey; label: string }[] = [
  { key: 'table', label: 'table' },
  { key: 'priority', label: 'prio' },
  { key: 'match', label: 'match' },
  { key: 'actions', label: 'actions' },
  { key: 'nPackets', label: 'packets' },
];

/** The flat view: one row per flow (the rows the filter kept), sorted by a column a click on its header picks. */
export function FlowSortedTable({ rows, ctx }: { rows: FlowRow[]; ctx: RowContext }) {
  const [sort, setSort] = useState<{ key: FlowSortKey; desc: boolean }>({ key: 'table', desc: false });
  const shown = useMemo(() => filterAndSort(rows, '', sort.key, sort.desc), [rows, sort]);
  return (
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
          {ctx.edit && <th aria-label="Delete" />}
        </tr>
      </thead>
      <tbody>
        {shown.map((r) => (
          <FlowRowView key={r.id} row={r} ctx={ctx} />
        ))}
      </tbody>
    </table>
  );
}
