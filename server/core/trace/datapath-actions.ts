import { splitTopLevel } from '../parsers/ofctl-tokens';
import type { Vlan } from './types';

/**
 * Reads a pass's `Datapath actions:` line: where the packet really leaves, and with which VLAN.
 * The datapath has no NORMAL and no access ports: it pushes and pops tags around each output, so
 * following push_vlan/pop_vlan from the packet's own VLAN gives the exact tag on every port.
 *
 *   8,7,6,1,push_vlan(vid=1,pcp=0),3,pop_vlan,4
 *   tnl_push(tnl_port(6),header(…ipv4(src=…,dst=198.51.100.2,…)…),out_port(5)),4
 *   userspace(pid=0,controller(reason=1,…))
 *   ct(zone=1),recirc(0x1)
 */

export type DatapathEvent =
  | {
      kind: 'output';
      /** Datapath port number; null for outputs that name no port (a balance-tcp bond's lb_output). */
      dpPort: number | null;
      raw: string;
      vlan: Vlan;
      /** Set when the packet was encapsulated first: the tunnel's datapath port and remote address. */
      tunnel: { dpPort: number; remoteIp: string | null } | null;
    }
  | { kind: 'controller'; raw: string }
  | { kind: 'recirc'; raw: string };

interface State {
  vlan: Vlan;
  tunnel: { dpPort: number; remoteIp: string | null } | null;
}

export function datapathEvents(line: string, vlan: Vlan): DatapathEvent[] {
  const events: DatapathEvent[] = [];
  walk(line.trim(), { vlan, tunnel: null }, events);
  return events;
}

function walk(text: string, state: State, events: DatapathEvent[]): void {
  for (const action of splitTopLevel(text)) {
    const call = /^([a-z_]+)\((.*)\)$/s.exec(action);
    const name = call?.[1] ?? action;
    const args = call?.[2] ?? '';
    if (/^\d+$/.test(action)) {
      events.push({
        kind: 'output',
        dpPort: Number(action),
        raw: action,
        vlan: state.vlan,
        tunnel: state.tunnel,
      });
    } else if (name === 'lb_output') {
      events.push({ kind: 'output', dpPort: null, raw: action, vlan: state.vlan, tunnel: state.tunnel });
    } else if (name === 'push_vlan') {
      const vid = /(?:^|,)vid=(\d+)/.exec(args);
      state.vlan = vid ? Number(vid[1]) : 'unknown';
    } else if (name === 'pop_vlan') {
      state.vlan = 'untagged';
    } else if (name === 'tnl_push') {
      const port = /^tnl_port\((\d+)\)/.exec(args);
      // The outer header: what follows is about the encapsulated packet, untagged until pushed.
      const remote = /ipv4\([^)]*\bdst=([\d.]+)/.exec(args) ?? /ipv6\([^)]*\bdst=([0-9a-f:]+)/.exec(args);
      state.vlan = 'untagged';
      state.tunnel = { dpPort: Number(port?.[1] ?? -1), remoteIp: remote?.[1] ?? null };
    } else if (name === 'clone') {
      // A clone works on a copy: its tag changes do not reach the actions after it.
      walk(args, { ...state }, events);
    } else if (name === 'userspace' && /\bcontroller\(/.test(args)) {
      events.push({ kind: 'controller', raw: action });
    } else if (name === 'recirc') {
      events.push({ kind: 'recirc', raw: action });
    }
  }
}
