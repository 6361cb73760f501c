'use client';
import { type ReactNode, useMemo, useState } from 'react';
import { TopologyView } from '@/components/graph/topology-view';
import type { HostModel } from '@/server/core/model';
import { comparisonElements, type HostComparison } from '@/server/core/snapshots/compare';
import { comparisonLines } from './compare-lines';
import { ComparisonLegend } from './legend';
import styles from './snapshots.module.css';

export interface ComparedSide {
  models: HostModel[];
  /** `snapshot "aio 2024-05-01" (taken …)`, `the hosts as read just now`. */
  title: ReactNode;
}

const SIGN_CLASS: Record<string, string | undefined> = {
  '+': styles.plus,
  '-': styles.minus,
  '~': styles.tilde,
  host: styles.hostLine,
};

/**
 * A comparison: its text (per host, `+` added, `-` removed, `~` changed with the fields, and with
 * `traffic` the counters that moved) beside the later side's graph with the changes marked (the
 * editor's overlay, removed elements kept where they were). A line names an element: a click
 * selects it on the graph. Read-only: the view gets no refresh, edit or trace controls.
 */
export function ComparisonView(props: {
  from: ComparedSide;
  to: ComparedSide;
  comparison: HostComparison[];
  traffic: boolean;
  onTraffic: (traffic: boolean) => void;
  /** Under the heading: sharing, reading live hosts again, links back. */
  actions?: ReactNode;
  banner?: ReactNode;
  initial: { select: string | null; vlan: number | null; q: string };
  testHandle: boolean;
}) {
  const { from, to, comparison, traffic } = props;
  const elements = useMemo(
    () => comparisonElements(from.models, to.models, comparison),
    [from.models, to.models, comparison],
  );
  const lines = useMemo(
    () => comparisonLines(comparison, elements, { traffic }),
    [comparison, elements, traffic],
  );
  const [select, setSelect] = useState<{ id: string; nonce: number } | null>(null);

  return (
    <div className={styles.compare}>
      <aside className={styles.compareText} aria-label="Comparison">
        <h1>Comparison</h1>
        <div>
          from {from.title}
          <br />
          to {to.title}
        </div>
        <label className={styles.row}>
          <input type="checkbox" checked={traffic} onChange={(e) => props.onTraffic(e.target.checked)} />
          traffic: flows and interfaces whose counters moved
        </label>
        {props.actions}
        <ol className={styles.lines} data-testid="compare-text" aria-label="Differences">
          {lines.map((l, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the text is fixed once computed; lines may repeat.
            <li key={i} className={SIGN_CLASS[l.sign]} data-testid="compare-line" data-sign={l.sign}>
              {l.target ? (
                <button
                  type="button"
                  onClick={() => {
                    const id = l.target as string;
                    setSelect((s) => ({ id, nonce: (s?.nonce ?? 0) + 1 }));
                  }}
                  title="Select it on the graph"
                >
                  {l.text}
                </button>
              ) : (
                l.text
              )}
            </li>
          ))}
        </ol>
      </aside>
      <div className={styles.compareGraph}>
        <TopologyView
          models={to.models}
          elements={elements}
          urlHosts={null}
          initial={props.initial}
          banner={props.banner}
          legend={<ComparisonLegend />}
          selectRequest={select}
          testHandle={props.testHandle}
        />
      </div>
    </div>
  );
}
