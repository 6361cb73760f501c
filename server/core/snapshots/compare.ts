import { diffModels } from '../changes/diff';
import { planElements } from '../changes/elements';
import type { FieldChange, ModelDiff, ModelObject } from '../changes/types';
import { type GraphElement, isNode, pendingOverlay, toElements } from '../graph';
import { countersMoved, countersOf } from '../model/counters';
import type { HostModel } from '../model/schema';

/**
 * Snapshot comparisons (snapshot ↔ snapshot, snapshot ↔ live) over the change engine's one
 * structural diff: per host, objects added, removed and changed with their fields; counters are
 * left out of it and reported apart ("traffic"). Pure: the server, the CLI and the browser use it.
 */
export interface HostComparison {
  host: string;
  /** `both`: diffed; `added`/`removed`: the host is only in the later / earlier side. */
  status: 'both' | 'added' | 'removed';
  diff: ModelDiff;
  /** Flows and interfaces whose counters moved (ids), for the traffic toggle. */
  traffic: { flows: string[]; interfaces: string[] };
}

const EMPTY: ModelDiff = { added: [], removed: [], changed: [] };

export function compareModels(from: readonly HostModel[], to: readonly HostModel[]): HostComparison[] {
  const before = new Map(from.map((m) => [m.host, m]));
  const after = new Map(to.map((m) => [m.host, m]));
  const hosts = [...new Set([...before.keys(), ...after.keys()])].sort();
  return hosts.map((host): HostComparison => {
    const a = before.get(host);
    const b = after.get(host);
    if (a && b)
      return {
        host,
        status: 'both',
        diff: diffModels(a, b),
        traffic: countersMoved(countersOf(a), countersOf(b)),
      };
    return { host, status: a ? 'removed' : 'added', diff: EMPTY, traffic: { flows: [], interfaces: [] } };
  });
}

export const comparisonIsEmpty = (c: readonly HostComparison[]): boolean =>
  c.every(
    (h) => h.status === 'both' && h.diff.added.length + h.diff.removed.length + h.diff.changed.length === 0,
  );

const show = (v: unknown): string =>
  v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v);

const fieldText = (f: FieldChange) => `${f.field} ${show(f.before)} → ${show(f.after)}`;

const objectText = (o: ModelObject) => `${o.kind} ${o.label}${o.namespace ? ` (netns ${o.namespace})` : ''}`;

/**
 * The comparison as text, one line per object: `+` added, `-` removed, `~` changed with its
 * fields. `traffic` adds the flows and interfaces whose counters moved.
 */
export function comparisonText(
  comparison: readonly HostComparison[],
  opts: { traffic?: boolean } = {},
): string {
  const lines: string[] = [];
  for (const h of comparison) {
    if (h.status !== 'both') {
      lines.push(
        `${h.status === 'added' ? '+' : '-'} host ${h.host} (only in the ${h.status === 'added' ? 'later' : 'earlier'} side)`,
      );
      continue;
    }
    const { added, removed, changed } = h.diff;
    const n = added.length + removed.length + changed.length;
    lines.push(
      `host ${h.host}: ${n === 0 ? 'no changes' : `${added.length} added, ${removed.length} removed, ${changed.length} changed`}`,
    );
    for (const o of added) lines.push(`  + ${objectText(o)}`);
    for (const o of removed) lines.push(`  - ${objectText(o)}`);
    for (const c of changed) lines.push(`  ~ ${objectText(c.after)}: ${c.fields.map(fieldText).join('; ')}`);
    if (opts.traffic) {
      for (const id of h.traffic.flows) lines.push(`  ⇅ counters moved: ${id}`);
      for (const id of h.traffic.interfaces) lines.push(`  ⇅ counters moved: ${id}`);
    }
  }
  return lines.join('\n');
}

/**
 * The comparison drawn: the later side's graph with added and changed elements marked, what
 * was removed kept where it was (the editor's overlay, server/core/graph/overlay.ts). A host
 * only on one side is marked whole.
 */
export function comparisonElements(
  from: readonly HostModel[],
  to: readonly HostModel[],
  comparison: readonly HostComparison[],
): GraphElement[] {
  const marks = { added: [] as string[], removed: [] as string[], changed: [] as string[] };
  const fromElements = toElements([...from]);
  const toEls = toElements([...to]);
  const nodesOf = (els: GraphElement[], host: string) =>
    els.filter((el) => isNode(el) && el.data.host === host).map((el) => el.data.id);
  for (const h of comparison) {
    if (h.status === 'added') marks.added.push(...nodesOf(toEls, h.host));
    else if (h.status === 'removed') marks.removed.push(...nodesOf(fromElements, h.host));
    else {
      const m = planElements(h.host, h.diff);
      marks.added.push(...m.added);
      marks.removed.push(...m.removed);
      marks.changed.push(...m.changed);
    }
  }
  return pendingOverlay(fromElements, toEls, marks);
}
