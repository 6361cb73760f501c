import styles from './snapshots.module.css';

/**
 * What the comparison's marks mean (the editor's colours: server/core/graph/style.ts), beside the
 * graph legend's button, so they show while the legend is closed.
 */
export function ComparisonLegend() {
  return (
    <div role="note" aria-label="Comparison marks" data-testid="compare-legend">
      <span className={`${styles.swatch} ${styles.added}`} />
      added
      <span className={`${styles.swatch} ${styles.removed}`} />
      removed
      <span className={`${styles.swatch} ${styles.changed}`} />
      changed
    </div>
  );
}
