import type { PasteSectionReport } from '@/server/core/paste/build';
import styles from './import.module.css';

const what = (s: PasteSectionReport) => {
  const c = s.command;
  const where = c.bridge ?? (c.namespace ? `netns ${c.namespace}` : '');
  return `${c.kind ?? c.typed ?? 'unknown output'}${where ? ` (${where})` : ''}`;
};

/** What each part of the paste was taken for, whether it was read, and why not. */
export function SectionReport({ sections }: { sections: PasteSectionReport[] }) {
  if (sections.length === 0) return <p className={styles.muted}>Nothing in the paste was recognised.</p>;
  return (
    <table className={styles.sections} data-testid="paste-sections">
      <thead>
        <tr>
          <th>line</th>
          <th>output</th>
          <th>read</th>
        </tr>
      </thead>
      <tbody>
        {sections.map((s) => (
          <tr key={s.line} data-testid="paste-section" data-recognised={s.recognised}>
            <td>{s.line}</td>
            <td>
              {what(s)}
              {s.command.typed === null && s.command.kind && (
                <div className={styles.muted}>recognised by its shape (no command line before it)</div>
              )}
              {s.error && <div className={styles.bad}>{s.error}</div>}
            </td>
            <td className={s.recognised ? styles.ok : styles.bad}>{s.recognised ? 'yes' : 'no'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
