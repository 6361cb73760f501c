import { elementId } from '../graph/ids';
import { linkId } from '../model/identity';
import type { ModelDiff, ModelObject } from './types';

/**
 * The graph elements a plan touches, for the editor's overlay. Bridges, ports, interfaces,
 * namespaces and links are graph elements of their own (the graph may fold one into another —
 * a single interface into its port, lo into its namespace — and lists the folded ids in the
 * element's `represents`); the others mark their owner as changed: a flow its bridge, an
 * address its link, a route or rule its namespace.
 */
function ownElement(o: ModelObject): string | null {
  return o.kind === 'bridge' ||
    o.kind === 'port' ||
    o.kind === 'interface' ||
    o.kind === 'namespace' ||
    o.kind === 'link'
    ? o.id
    : null;
}

function owner(o: ModelObject): string | null {
  switch (o.kind) {
    case 'flow':
      return typeof o.fields.bridge === 'string' ? `br:${o.fields.bridge}` : null;
    case 'address':
      return typeof o.fields.link === 'string' ? linkId(o.namespace ?? '', o.fields.link) : null;
    case 'route':
    case 'rule':
      return `ns:${o.namespace ?? ''}`;
    default:
      return null;
  }
}

export function planElements(
  host: string,
  diff: ModelDiff,
): { added: string[]; removed: string[]; changed: string[] } {
  const added = new Set<string>();
  const removed = new Set<string>();
  const changed = new Set<string>();
  for (const o of diff.added) {
    const own = ownElement(o);
    if (own) added.add(own);
    else {
      const w = owner(o);
      if (w) changed.add(w);
    }
  }
  for (const o of diff.removed) {
    const own = ownElement(o);
    if (own) removed.add(own);
    else {
      const w = owner(o);
      if (w) changed.add(w);
    }
  }
  for (const c of diff.changed) {
    const w = ownElement(c.after) ?? owner(c.after);
    if (w) changed.add(w);
  }
  const el = (ids: Iterable<string>) => [...ids].map((id) => elementId(host, id));
  return {
    added: el(added),
    removed: el(removed),
    changed: el([...changed].filter((id) => !added.has(id) && !removed.has(id))),
  };
}
