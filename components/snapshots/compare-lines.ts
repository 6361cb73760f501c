import { representIndex } from '@/components/diagnostics/findings';
import { planElements } from '@/server/core/changes/elements';
import type { ModelObject } from '@/server/core/changes/types';
import { elementId, type GraphElement, hostElementId, splitElementId } from '@/server/core/graph';
import { comparisonText, type HostComparison } from '@/server/core/snapshots/compare';

export interface ComparisonLine {
  text: string;
  /** The graph element the line is about (selected on click); null when none is drawn. */
  target: string | null;
  /** `+` added, `-` removed, `~` changed, `⇅` counters moved, `host` a host's heading. */
  sign: '+' | '-' | '~' | '⇅' | 'host';
}

/**
 * The comparison's text (`comparisonText`, line for line) with the element each line names in
 * the comparison's graph: an object the graph draws is itself, one it folds into another (an
 * interface into its port) is that one, one it does not draw (a flow, a route) is its owner (the
 * bridge, the namespace), as the overlay marks them.
 */
export function comparisonLines(
  comparison: readonly HostComparison[],
  elements: readonly GraphElement[],
  opts: { traffic: boolean },
): ComparisonLine[] {
  const text = comparisonText(comparison, opts);
  if (text === '') return [];
  const drawn = new Set(elements.map((e) => e.data.id));
  const represented = representIndex([...elements]);
  const resolve = (id: string | undefined): string | null => {
    if (id === undefined) return null;
    if (drawn.has(id)) return id;
    const split = splitElementId(id);
    return (split && represented.get(`${split.host}\u0000${split.modelId}`)) ?? null;
  };
  const ofObject = (host: string, o: ModelObject) => {
    const m = planElements(host, { added: [o], removed: [], changed: [] });
    return resolve(m.added[0] ?? m.changed[0]);
  };
  const targets: { target: string | null; sign: ComparisonLine['sign'] }[] = [];
  for (const h of comparison) {
    const host = { target: resolve(hostElementId(h.host)), sign: 'host' as const };
    if (h.status !== 'both') {
      targets.push({ ...host, sign: h.status === 'added' ? '+' : '-' });
      continue;
    }
    targets.push(host);
    for (const o of h.diff.added) targets.push({ target: ofObject(h.host, o), sign: '+' });
    for (const o of h.diff.removed) targets.push({ target: ofObject(h.host, o), sign: '-' });
    for (const c of h.diff.changed) targets.push({ target: ofObject(h.host, c.after), sign: '~' });
    if (opts.traffic) {
      for (const id of h.traffic.flows) {
        // A flow is drawn as part of its bridge: `flow:<bridge>/<table>/…`.
        const bridge = /^flow:([^/]+)\//.exec(id)?.[1];
        targets.push({ target: bridge ? resolve(elementId(h.host, `br:${bridge}`)) : null, sign: '⇅' });
      }
      for (const id of h.traffic.interfaces)
        targets.push({ target: resolve(elementId(h.host, id)), sign: '⇅' });
    }
  }
  return text
    .split('\n')
    .map((line, i) => ({ text: line, ...(targets[i] ?? { target: null, sign: 'host' }) }));
}
