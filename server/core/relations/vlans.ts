import type { HostModel, Port } from '../model/schema';
import type { BridgeVlans, VlanMember } from './types';

/** The VLANs one port carries, following OVS's vlan_mode rules; null means "all VLANs". */
function portVlans(port: Port): { vlan: number; mode: VlanMember['mode'] }[] | null {
  const mode = port.vlanMode ?? (port.tag === null ? 'trunk' : 'access');
  if (mode === 'access' || mode === 'dot1q-tunnel')
    return port.tag === null ? [] : [{ vlan: port.tag, mode: 'access' }];
  if (mode === 'trunk')
    return port.trunks.length === 0 ? null : port.trunks.map((vlan) => ({ vlan, mode: 'trunk' }));
  // native-tagged / native-untagged: the tag is the native VLAN, trunks the rest (empty = all).
  if (port.trunks.length === 0) return null;
  const native = port.tag === null ? [] : [{ vlan: port.tag, mode: 'native' as const }];
  return [
    ...native,
    ...port.trunks.filter((v) => v !== port.tag).map((vlan) => ({ vlan, mode: 'trunk' as const })),
  ];
}

/** VLAN membership per bridge: VLAN → ports (with mode), plus the ports that carry every VLAN. */
export function vlanMembership(model: HostModel): BridgeVlans[] {
  const ports = new Map((model.ovs?.ports ?? []).map((p) => [p.id, p]));
  return (model.ovs?.bridges ?? []).map((bridge) => {
    const vlans = new Map<number, VlanMember[]>();
    const trunkAll: string[] = [];
    for (const portId of bridge.ports) {
      const port = ports.get(portId);
      if (!port) continue;
      const carried = portVlans(port);
      if (carried === null) {
        trunkAll.push(port.id);
        continue;
      }
      for (const { vlan, mode } of carried)
        vlans.set(vlan, [...(vlans.get(vlan) ?? []), { port: port.id, mode }]);
    }
    return {
      id: `vlans:${bridge.name}`,
      bridge: bridge.name,
      vlans: [...vlans.entries()]
        .sort(([a], [b]) => a - b)
        .map(([vlan, members]) => ({ vlan, members: members.sort((x, y) => (x.port < y.port ? -1 : 1)) })),
      trunkAll: trunkAll.sort(),
    };
  });
}
