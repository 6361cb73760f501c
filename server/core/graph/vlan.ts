import type { GraphElement } from './types';
import { isNode } from './types';

/** VLANs present on any element, ascending: the choices of the VLAN filter. */
export function vlansInGraph(elements: GraphElement[]): number[] {
  const out = new Set<number>();
  for (const el of elements) if (isNode(el)) for (const v of el.data.vlans) out.add(v);
  return [...out].sort((a, b) => a - b);
}

/**
 * Element ids that carry `vlan`: members (its traffic passes them once flows acted: see
 * `vlanReach`, so a port past a flow that drops the VLAN is not one, and a port the VLAN leaves
 * untagged after a strip is), the containers that hold a member, and edges whose both ends are members.
 */
export function vlanMembers(elements: GraphElement[], vlan: number): Set<string> {
  const members = new Set<string>();
  const parentOf = new Map<string, string>();
  for (const el of elements) {
    if (!isNode(el)) continue;
    if (el.data.parent) parentOf.set(el.data.id, el.data.parent);
    // Without `carries` (flows not followed on a very big host) membership is by tags and trunks.
    const member = el.data.carries
      ? el.data.carries.includes(vlan)
      : el.data.vlans.includes(vlan) || (el.data.allVlans && el.data.kind !== 'host');
    if (member) members.add(el.data.id);
  }
  for (const id of [...members]) {
    for (let p = parentOf.get(id); p !== undefined; p = parentOf.get(p)) members.add(p);
  }
  for (const el of elements) {
    if (!isNode(el) && members.has(el.data.source) && members.has(el.data.target)) members.add(el.data.id);
  }
  return members;
}
