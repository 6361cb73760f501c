import type { AuditEntry } from '@/server/audit/schema';
import styles from './admin.module.css';
import { when } from './when';

/** Compact JSON of what was asked (secrets already replaced by the server); "—" when empty. */
function detailText(detail: AuditEntry['detail']): string {
  const text = JSON.stringify(detail);
  return text === '{}' ? '—' : text;
}

/** Audit entries, newest first as the server returns them. */
export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  return (
    <table className={styles.table} data-testid="audit-list">
      <thead>
        <tr>
          <th>time</th>
          <th>actor</th>
          <th>role</th>
          <th>source</th>
          <th>action</th>
          <th>target</th>
          <th>outcome</th>
          <th>detail</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.id} data-testid="audit-row" data-action={e.action} data-outcome={e.outcome}>
            <td className={styles.nowrap} title={e.at}>
              {when(e.at)}
            </td>
            <td>{e.actor}</td>
            <td>{e.role ?? '—'}</td>
            <td className={styles.nowrap}>{e.source}</td>
            <td className={styles.nowrap}>{e.action}</td>
            <td>{e.target ?? '—'}</td>
            <td className={styles[e.outcome]}>{e.outcome}</td>
            <td className={styles.detail}>{detailText(e.detail)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
