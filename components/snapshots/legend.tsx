import styles from './snapshots.module.css';

/** What the comparison's marks mean (the editor's colours: server/core/graph/style.ts). */
export function ComparisonLegend() {
  return (
    <div role="note" aria-label="Legend" data-testid="compare-legend">
      <span className={`${styles.swatch} ${styles.added}`} />
      added
      <span className={`${styles.swatch} ${styles.removed}`} />
      removed
      <span className={`${styles.swatch} ${styles.changed}`} />
      changed
    </div>
  );
}
