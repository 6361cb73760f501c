import type { HostModel } from '@/server/core/model';
import { compareModels, comparisonIsEmpty, comparisonText } from '@/server/core/snapshots/compare';

/** How many lines of a refresh's changes are listed before "and N more". */
export const CHANGE_LINES_SHOWN = 6;

export interface ChangeLine {
  text: string;
  /** A host's heading (`host a: 1 added, 0 removed, 1 changed`), shown when several hosts are drawn. */
  heading: boolean;
}

/**
 * What a refresh changed, in the words of a snapshot comparison (`comparisonText`: `+ port
 * br-int/p5`, `~ port br-int/tap1: tag 10 → 20`, flows added and removed): hosts drawn before and
 * after that changed, counters left out. A host that joined or left the view is not something
 * its host did, so it is not listed. The headings name the host only when more than one is drawn.
 */
export function refreshChanges(before: readonly HostModel[], after: readonly HostModel[]): ChangeLine[] {
  const changed = compareModels(before, after).filter((h) => h.status === 'both' && !comparisonIsEmpty([h]));
  if (changed.length === 0) return [];
  // comparisonText indents the lines of a host's objects under its unindented heading.
  const lines = comparisonText(changed)
    .split('\n')
    .map((line) => ({ text: line.trim(), heading: !line.startsWith(' ') }));
  return after.length > 1 ? lines : lines.filter((l) => !l.heading);
}

/** The first lines and how many are left out. */
export function firstLines<T>(lines: readonly T[], max = CHANGE_LINES_SHOWN): { shown: T[]; more: number } {
  return { shown: lines.slice(0, max), more: Math.max(0, lines.length - max) };
}
