import type { OvsState } from '../model/schema';
import { type DpifPort, OFPP_LOCAL, PortNumbers } from './dpif-show';
import type { PortVlanConfig } from './vlan';

export interface PortName {
  bridge: string;
  /** The OVS port (a bond's name for its members). */
  port: string;
  /** The interface OpenFlow numbers and names. */
  iface: string;
}

/**
 * Every port question a trace raises, answered from `dpif/show` (numbers, patch peers, tunnel
 * remotes) and the OVSDB read (which port owns an interface, VLAN settings, controllers). Without
 * the OVSDB read an interface is taken for its own port and VLAN questions stay unanswered.
 */
export class PortDirectory {
  private readonly numbers: PortNumbers;

  constructor(
    dpif: readonly DpifPort[],
    private readonly ovs: OvsState | null,
  ) {
    this.numbers = new PortNumbers(dpif);
  }

  /** A port as a trace names it: an OpenFlow number, `LOCAL`, or an interface name. */
  resolve(bridge: string, ref: string): PortName | null {
    const found = this.numbers.ofport(bridge, ref);
    if (found) return this.named(found);
    // No dpif/show line (a port OVS could not add): a name is still a name.
    if (/^\d+$/.test(ref) || ref === 'LOCAL') return null;
    return { bridge, iface: ref, port: this.portOf(ref) ?? ref };
  }

  /** The bridge's own internal port, where a tunnel's underlay packet starts. */
  local(bridge: string): PortName {
    return this.resolve(bridge, String(OFPP_LOCAL)) ?? { bridge, port: bridge, iface: bridge };
  }

  /** The interfaces on datapath port `dp` of the bridge's datapath (several for shared tunnel ports). */
  datapath(bridge: string, dp: number): (PortName & { options: Record<string, string> })[] {
    return this.numbers.dpPort(bridge, dp).map((p) => ({ ...this.named(p), options: p.options }));
  }

  /** Patch ports of `bridge` whose peer is on `other`, with that peer. */
  patchesTo(bridge: string, other: string): { out: PortName; in: PortName }[] {
    return this.numbers.ports.flatMap((p) => {
      if (p.bridge !== bridge || p.type !== 'patch' || !p.options.peer) return [];
      const peer = this.numbers.ports.find((q) => q.name === p.options.peer && q.bridge === other);
      return peer ? [{ out: this.named(p), in: this.named(peer) }] : [];
    });
  }

  vlanConfig(bridge: string, port: string | null): PortVlanConfig | undefined {
    if (port === null) return undefined;
    return this.ovs?.ports.find((p) => p.bridge === bridge && p.name === port);
  }

  /** null when the OVSDB read is missing. */
  hasController(bridge: string): boolean | null {
    const b = this.ovs?.bridges.find((x) => x.name === bridge);
    return b ? b.controllers.length > 0 : null;
  }

  private named(p: DpifPort): PortName {
    return { bridge: p.bridge, iface: p.name, port: this.portOf(p.name) ?? p.name };
  }

  private portOf(iface: string): string | undefined {
    const portId = this.ovs?.interfaces.find((i) => i.name === iface)?.port;
    return portId ? this.ovs?.ports.find((p) => p.id === portId)?.name : undefined;
  }
}
