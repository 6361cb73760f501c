import { portId } from '../model/identity';
import type { Bridge, Namespace, Port } from '../model/schema';
import { flowPortNames, flowWords } from './commands-flow';
import type { ModelIndex } from './model-index';
import { flowKey } from './objects';
import { nsLabel } from './text';
import type { PlanWarning } from './types';

const list = (names: readonly string[], max = 10): string =>
  names.length <= max
    ? names.join(', ')
    : `${names.slice(0, max).join(', ')}, … (${names.length - max} more)`;

/** DELETES_BRIDGE_WITH_PORTS: its ports other than the bridge's own. */
export function bridgeWithPorts(cur: ModelIndex, bridge: Bridge): PlanWarning | null {
  const ports = bridge.ports.filter((id) => id !== portId(bridge.name, bridge.name));
  if (ports.length === 0) return null;
  const names = ports.map((id) => cur.ports.get(id)?.name ?? id);
  return {
    code: 'DELETES_BRIDGE_WITH_PORTS',
    message: `deleting bridge ${bridge.name} deletes its ${ports.length} port${ports.length === 1 ? '' : 's'}: ${list(names)}`,
    objects: [bridge.id, ...ports],
  };
}

/** DELETES_NAMESPACE_WITH_LINKS: its links other than lo. */
export function namespaceWithLinks(ns: Namespace): PlanWarning | null {
  const links = ns.links.filter((l) => l.linkType !== 'loopback' && l.name !== 'lo');
  if (links.length === 0) return null;
  return {
    code: 'DELETES_NAMESPACE_WITH_LINKS',
    message: `deleting namespace ${nsLabel(ns.name)} deletes its ${links.length} link${links.length === 1 ? '' : 's'} (veths with their peers; physical devices go back to the root namespace): ${list(links.map((l) => l.name))}`,
    objects: [ns.id, ...links.map((l) => l.id)],
  };
}

/**
 * FLOW_NAMES_REMOVED_PORT: a flow of the desired model (kept or added) whose in_port or an
 * output/resubmit names a port the plan removes from that bridge. Only bridges losing ports are read.
 */
export function flowsNamingRemovedPorts(des: ModelIndex, removedPorts: readonly Port[]): PlanWarning[] {
  const byBridge = new Map<string, Map<string, Port>>();
  for (const p of removedPorts) {
    if (p.bridge === null || des.ports.has(p.id)) continue;
    const names = byBridge.get(p.bridge) ?? new Map<string, Port>();
    names.set(p.name, p);
    byBridge.set(p.bridge, names);
  }
  const out: PlanWarning[] = [];
  for (const [bridgeName, removed] of byBridge) {
    const bridge = des.bridgeByName.get(bridgeName);
    for (const flow of bridge?.flows ?? []) {
      const hit = [...new Set(flowPortNames(flow))].map((n) => removed.get(n)).filter((p) => p !== undefined);
      if (hit.length === 0) continue;
      out.push({
        code: 'FLOW_NAMES_REMOVED_PORT',
        message: `flow ${flowWords(flow)} names port${hit.length === 1 ? '' : 's'} ${hit.map((p) => p.name).join(', ')}, which the plan removes`,
        objects: [flowKey(bridgeName, flow.table, flow.priority, flow.match), ...hit.map((p) => p.id)],
      });
    }
  }
  return out;
}
