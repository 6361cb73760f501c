import type { ReactNode } from 'react';
import styles from './inspector.module.css';

type Value = string | number | boolean | null | undefined | ReactNode;

const show = (v: Value): ReactNode => {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return v;
};

/** Two-column table of labelled values; maps (external ids, options) expand to one row per key. */
export function KvTable({ rows }: { rows: [string, Value][] }) {
  return (
    <table className={styles.kv}>
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k}>
            <th>{k}</th>
            <td>{show(v)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function mapRows(prefix: string, map: Record<string, string>): [string, Value][] {
  return Object.entries(map).map(([k, v]) => [`${prefix}${k}`, v]);
}
