'use client';
import { useState } from 'react';
import type { Severity } from '@/server/core/lint';
import styles from './diagnostics.module.css';
import { countBySeverity, type HostFinding } from './findings';

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

/**
 * Every lint finding of the hosts drawn, worst first, filtered by severity; a click selects the
 * finding's first element on the graph (the inspector then explains it and offers its fix).
 */
export function FindingsPanel(p: {
  findings: readonly HostFinding[];
  multiHost: boolean;
  onSelect: (elementId: string) => void;
  onClose: () => void;
}) {
  const [shown, setShown] = useState<Record<Severity, boolean>>({ error: true, warning: true, info: true });
  const counts = countBySeverity(p.findings);
  const list = p.findings.filter((f) => shown[f.severity]);
  return (
    <section className={styles.panel} aria-label="Findings" data-testid="findings">
      <div className={styles.head}>
        <strong>Findings</strong>
        {SEVERITIES.map((s) => (
          <label key={s} className={styles[s]}>
            <input
              type="checkbox"
              checked={shown[s]}
              onChange={(e) => setShown((old) => ({ ...old, [s]: e.target.checked }))}
            />{' '}
            {counts[s]} {s}
            {counts[s] === 1 ? '' : 's'}
          </label>
        ))}
        <button type="button" onClick={p.onClose} aria-label="Close findings">
          ×
        </button>
      </div>
      {p.findings.length === 0 && <p className={styles.note}>Lint found nothing wrong.</p>}
      <ul className={styles.list}>
        {list.map((f) => (
          <li key={`${f.host}/${f.rule}/${f.objects.join(',')}`}>
            <button
              type="button"
              disabled={f.elementIds.length === 0}
              onClick={() => {
                const first = f.elementIds[0];
                if (first) p.onSelect(first);
              }}
              data-testid="finding"
            >
              <span className={`${styles.badge} ${styles[f.severity]}`}>{f.severity}</span> {f.title}
              <span className={styles.note}>
                {' '}
                {f.rule}
                {p.multiHost ? ` · ${f.host}` : ''}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
