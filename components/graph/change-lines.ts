// The lines above the graph that say what a refresh changed, as the page shows them. Apart from
// refresh-changes.ts, which computes them with the structural diff: the page loads that with the
// first refresh (topology-view.tsx), and this with its first frame.

/** How many lines of a refresh's changes are listed before "and N more". */
export const CHANGE_LINES_SHOWN = 6;

export interface ChangeLine {
  text: string;
  /** A host's heading (`host a: 1 added, 0 removed, 1 changed`), shown when several hosts are drawn. */
  heading: boolean;
}

/** The first lines and how many are left out. */
export function firstLines<T>(lines: readonly T[], max = CHANGE_LINES_SHOWN): { shown: T[]; more: number } {
  return { shown: lines.slice(0, max), more: Math.max(0, lines.length - max) };
}
