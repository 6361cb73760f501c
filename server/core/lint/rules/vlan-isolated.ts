import type { Bridge, Port } from '../../model/schema';
import { vlanMatchOf } from '../../relations/vlan-rewrites';
import { type Devices, parentOf } from '../devices';
import { actionsOf, forwardsByPortConfig } from '../flows';
import type { Finding, LintContext } from '../types';

/** Actions that leave a frame to the ports' VLAN settings (NORMAL) or drop it. */
const PORT_CONFIG_ONLY = new Set(['normal', 'drop']);

/** True when the host has a VLAN sub-interface with this id on the kernel device of an internal port. */
function hasVlanSubinterface(d: Devices, port: Port, vlan: number): boolean {
  const backings = port.interfaces.map((id) => d.backingOf.get(id)).filter((id) => id !== undefined);
  return [...d.links.values()].some((ref) => {
    if (ref.link.kind !== 'vlan' || ref.link.vlanId !== vlan) return false;
    const parent = parentOf(d, ref);
    return parent !== undefined && backings.includes(parent.link.id);
  });
}

/**
 * A port that takes VLAN traffic off the bridge: a trunk listing the VLAN or one carrying all
 * VLANs (patch ports, untagged uplinks). Internal ports lead into the host, which takes a VLAN
 * only with a sub-interface for it, so they count only then.
 */
function carries(d: Devices, port: Port, vlan: number): boolean {
  const internal = port.interfaces.every((id) => d.ifaces.get(id)?.type === 'internal');
  return !internal || hasVlanSubinterface(d, port, vlan);
}

/** OpenFlow names and numbers of a port's interfaces. */
function openflowNames(d: Devices, port: Port): Set<string> {
  const out = new Set<string>();
  for (const iface of port.interfaces.map((id) => d.ifaces.get(id))) {
    if (!iface) continue;
    out.add(iface.name);
    if (iface.ofport !== null) out.add(String(iface.ofport));
  }
  return out;
}

/**
 * Whether flows may take the VLAN elsewhere: a flow matching the VLAN or the member as in_port
 * that does anything but NORMAL or drop (an explicit output, a flood, a VLAN rewrite, a resubmit
 * lint does not follow), or a flow rewriting other traffic into the VLAN (then it has more members).
 */
function flowsCarry(ctx: LintContext, bridge: Bridge, member: Port, vlan: number): boolean {
  const names = openflowNames(ctx.devices, member);
  const intoVlan = ctx.relations.vlanRewrites.some((r) => r.bridge === bridge.name && r.result === vlan);
  return (
    intoVlan ||
    (bridge.flows ?? []).some(
      (f) =>
        (vlanMatchOf(f.match) === vlan || (f.inPort !== undefined && names.has(f.inPort))) &&
        actionsOf(f).some((a) => !PORT_CONFIG_ONLY.has(a.type)),
    )
  );
}

/**
 * vlan-isolated: a port alone in its VLAN on its bridge, with nothing to carry that VLAN off it.
 *
 * Heuristic, built to stay quiet when unsure:
 * - only bridges whose flows were read and that forward by NORMAL, where the ports' VLAN settings
 *   decide where frames go; a bridge run by custom flows alone may send any VLAN anywhere;
 * - only VLANs with exactly one access (or native) port: two or more reach each other, and one of
 *   them may itself be the way out (a NIC as an access port);
 * - carried off by a trunk listing the VLAN, a port carrying every VLAN (patch ports included),
 *   or flows (see flowsCarry).
 */
export function vlanIsolated(ctx: LintContext): Finding[] {
  const d = ctx.devices;
  return ctx.relations.vlans.flatMap((bv) => {
    const bridge = d.bridges.get(bv.bridge);
    if (!bridge || bridge.flows === null || !forwardsByPortConfig(bridge)) return [];
    const trunkAll = bv.trunkAll.map((id) => d.ports.get(id)).filter((p) => p !== undefined);
    return bv.vlans.flatMap(({ vlan, members }): Finding[] => {
      const own = members.filter((m) => m.mode !== 'trunk');
      const member = own.length === 1 && own[0] ? d.ports.get(own[0].port) : undefined;
      if (!member) return [];
      const trunks = members
        .filter((m) => m.mode === 'trunk')
        .map((m) => d.ports.get(m.port))
        .filter((p) => p !== undefined);
      if ([...trunks, ...trunkAll].some((p) => carries(d, p, vlan)) || flowsCarry(ctx, bridge, member, vlan))
        return [];
      return [
        {
          rule: 'vlan-isolated',
          severity: 'warning',
          objects: [bridge.id, member.id],
          title: `port ${member.name} is alone in VLAN ${vlan} on ${bridge.name} and nothing carries VLAN ${vlan} off the bridge`,
          explanation:
            `${member.name} is the only port in VLAN ${vlan} on ${bridge.name}, and no trunk, patch port or flow takes ` +
            `VLAN ${vlan} anywhere else, so whatever is behind ${member.name} reaches nobody: its ARP, DHCP and ` +
            `neighbour requests go unanswered. Usually the tag is mistyped, or the uplink trunk should list ${vlan}.`,
        },
      ];
    });
  });
}
