import type { HostModel } from '../../model/schema';

/** A record with its own lists and maps (one level down); what they hold is shared. */
function copyRecord<T extends object>(record: T): T {
  const out = { ...record } as Record<string, unknown>;
  // for…in, not Object.entries: this runs for every record of a host on every edit.
  for (const key in out) {
    const value = out[key];
    if (Array.isArray(value)) out[key] = [...value];
    else if (value !== null && typeof value === 'object') out[key] = { ...value };
  }
  return out as T;
}

/**
 * The copy of a model that edits change: every bridge, port, interface, namespace and link is a
 * new record with its own lists and maps, while what those lists hold below that — flows, routes,
 * rules, addresses — is shared with `current`. No handler changes such a record in place (an edit
 * adds, replaces or drops it in a list, and the lists are copied), and they are most of a big host:
 * with 10,000 flows a full structuredClone takes ~110 ms and makes the garbage collector work as
 * long again; this copy takes a few. Sharing also lets the diff skip them by identity. The property
 * test of applyEdits freezes its input, so a handler that wrote into a shared record fails it.
 */
export function draftOf(current: HostModel): HostModel {
  return {
    ...copyRecord(current),
    ovs: current.ovs && {
      ...copyRecord(current.ovs),
      bridges: current.ovs.bridges.map(copyRecord),
      ports: current.ovs.ports.map(copyRecord),
      interfaces: current.ovs.interfaces.map(copyRecord),
    },
    namespaces: current.namespaces.map((ns) => ({ ...copyRecord(ns), links: ns.links.map(copyRecord) })),
  };
}
