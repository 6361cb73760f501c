import type { HostModel } from '../model/schema';
import type { ReadScope } from '../parse-host';
import { stable } from './diff';
import { fnv1a64 } from './fingerprint';
import { modelObjects } from './objects';
import type { ModelDiff, ModelObject } from './types';

/**
 * What an apply must read to check a plan: the parts holding the objects the plan touches. The
 * drift check, the verify and the rollback check compare only those objects, so reading the rest
 * of a host (hundreds of namespaces, thousands of flows) would only cost time.
 *
 * - OVS objects → the OVSDB part; a flow → also its bridge's flows;
 * - a kernel object in namespace N → N's links/routes/rules, plus the OVSDB part (a link's
 *   projection depends on whether OVS made the device) and the namespace list for named N;
 * - a namespace → the list and its own parts.
 */
export function planScope(diff: ModelDiff): ReadScope {
  const flows = new Set<string>();
  const namespaces = new Set<string>();
  let ovsdb = false;
  let netns = false;
  const objects = [...diff.added, ...diff.removed, ...diff.changed.flatMap((c) => [c.before, c.after])];
  for (const o of objects) {
    if (o.kind === 'bridge' || o.kind === 'port' || o.kind === 'interface') ovsdb = true;
    else if (o.kind === 'flow') {
      ovsdb = true;
      flows.add(String(o.fields.bridge));
    } else {
      const ns = o.namespace ?? '';
      namespaces.add(ns);
      if (ns !== '') netns = true;
      if (o.kind === 'namespace') netns = true;
      else ovsdb = true;
    }
  }
  return { ovsdb, flows: [...flows].sort(), netns, namespaces: [...namespaces].sort() };
}

/**
 * What an apply reads for its checks: the plan's parts, plus OVSDB and the root namespace, where
 * the management path (the lockout guard's question) almost always lies.
 */
export function checkScope(diff: ModelDiff): ReadScope {
  return scopeUnion(planScope(diff), { ovsdb: true, flows: [], netns: false, namespaces: [''] });
}

/** Both scopes' parts. */
function scopeUnion(a: ReadScope, b: ReadScope): ReadScope {
  const merge = (x: string[], y: string[]) => [...new Set([...x, ...y])].sort();
  return {
    ovsdb: a.ovsdb || b.ovsdb,
    flows: merge(a.flows, b.flows),
    netns: a.netns || b.netns,
    namespaces: merge(a.namespaces, b.namespaces),
  };
}

/** Whether a scoped read of `scope` holds everything a full read knows of `o`. */
export function inScope(o: ModelObject, scope: ReadScope): boolean {
  switch (o.kind) {
    case 'bridge':
    case 'port':
    case 'interface':
      return scope.ovsdb;
    case 'flow':
      return scope.ovsdb && scope.flows.includes(String(o.fields.bridge));
    case 'namespace':
      // The root namespace is always there; the others are the namespace list.
      return o.namespace === '' || scope.netns;
    default:
      return scope.namespaces.includes(o.namespace ?? '') && scope.ovsdb;
  }
}

/**
 * FNV-1a 64 of the projected objects inside `scope`: equal for a full read and a scoped read of
 * the same host, so a plan can record it of its base and an apply can tell from a scoped read
 * whether anything in those parts moved besides the plan's own objects.
 */
export function scopeFingerprint(model: HostModel, scope: ReadScope): string {
  const inside = modelObjects(model)
    .filter((o) => inScope(o, scope))
    .map((o) => `${o.id}\u0000${stable(o.fields)}`)
    .sort();
  return `fnv1a64:${fnv1a64(inside.join('\n'))}`;
}
