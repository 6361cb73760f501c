import { indexModel } from '@/server/core/changes/model-index';
import { bridgeWithPorts, flowsNamingRemovedPorts, namespaceWithLinks } from '@/server/core/changes/warnings';
import type { HostModel } from '@/server/core/model';

/**
 * What else a pending deletion takes with it on the host as it is: a bridge's ports, a namespace's
 * links, the flows that name a deleted port (the review's warnings, shown as soon as the deletion is
 * pending). Null for other edits and for objects the host does not have yet.
 */
export function cascadeOf(edit: unknown, live: HostModel): string[] | null {
  if (!edit || typeof edit !== 'object') return null;
  const e = edit as { op?: unknown; name?: unknown; bridge?: unknown };
  const name = typeof e.name === 'string' ? e.name : null;
  if (name === null) return null;
  switch (e.op) {
    case 'delete-bridge': {
      const bridge = live.ovs?.bridges.find((b) => b.name === name);
      const w = bridge ? bridgeWithPorts(indexModel(live), bridge) : null;
      return w ? [w.message] : null;
    }
    case 'delete-namespace': {
      const ns = live.namespaces.find((n) => n.name === name && !n.isRoot);
      const w = ns ? namespaceWithLinks(ns) : null;
      return w ? [w.message] : null;
    }
    case 'delete-port': {
      const port = live.ovs?.ports.find(
        (p) => p.name === name && (e.bridge === undefined || p.bridge === e.bridge),
      );
      if (!port) return null;
      // The host without the port: flows still naming it are what the deletion breaks.
      const without = indexModel(live);
      without.ports.delete(port.id);
      const ws = flowsNamingRemovedPorts(without, [port]);
      return ws.length > 0 ? ws.map((w) => w.message) : null;
    }
    default:
      return null;
  }
}
