import type { CSSProperties } from 'react';
import { type ChangeLine, firstLines } from './change-lines';
import styles from './change-list.module.css';

/**
 * The last refresh's changes, first few lines and "and N more"; it fades as the graph's amber
 * outlines do and goes with them (the caller remounts it per refresh to restart the fade).
 */
export function ChangeList({ lines, ms }: { lines: readonly ChangeLine[]; ms: number }) {
  const { shown, more } = firstLines(lines);
  return (
    <div
      className={styles.changes}
      style={{ '--changes-ms': `${ms}ms` } as CSSProperties}
      data-testid="changes"
      role="status"
    >
      Changed since the last read:
      <ul>
        {shown.map((l, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: two hosts' lines can read the same; the list is replaced whole.
          <li key={i} className={l.heading ? styles.heading : undefined}>
            {l.text}
          </li>
        ))}
        {more > 0 && <li className={styles.heading}>and {more} more</li>}
      </ul>
    </div>
  );
}
