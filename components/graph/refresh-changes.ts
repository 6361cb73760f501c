import type { HostModel } from '@/server/core/model';
import { compareModels, comparisonIsEmpty, comparisonText } from '@/server/core/snapshots/compare';
import type { ChangeLine } from './change-lines';

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
