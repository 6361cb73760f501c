'use client';
import { editSummary } from '@/components/editor/pending';
import styles from './diagnostics.module.css';
import type { HostFinding } from './findings';

/**
 * The findings about the selected element, in the inspector: what is wrong in the operator's words,
 * and its fix as the change engine's edits — added to the pending changes by one click (then
 * reviewed and applied like any edit).
 */
export function FindingList(p: { findings: readonly HostFinding[]; onFix?: (f: HostFinding) => void }) {
  if (p.findings.length === 0) return null;
  return (
    <section aria-label="Findings about this" data-testid="selection-findings">
      <h3>Findings</h3>
      {p.findings.map((f) => (
        <div key={`${f.rule}/${f.objects.join(',')}`} className={styles.finding} data-rule={f.rule}>
          <div>
            <span className={`${styles.badge} ${styles[f.severity]}`}>{f.severity}</span>{' '}
            <strong>{f.title}</strong> <span className={styles.note}>{f.rule}</span>
          </div>
          <p>{f.explanation}</p>
          {f.fix && f.fix.length > 0 && (
            <div>
              Fix:{' '}
              {f.fix.map((e) => (
                <code key={editSummary(e)} className={styles.edit}>
                  {editSummary(e)}
                </code>
              ))}
              {p.onFix && (
                <button type="button" onClick={() => p.onFix?.(f)}>
                  Add fix to pending changes
                </button>
              )}
            </div>
          )}
        </div>
      ))}
    </section>
  );
}
