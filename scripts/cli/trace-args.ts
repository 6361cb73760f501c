import { OvsName, parseFlowText, type TraceRequest } from '@/server/core/trace';
import type { ConnectionArgs } from './connection';
import { CONNECTION_OPTIONS, hostConnection } from './connection-options';
import { parseCommandLine, UsageError } from './usage-error';

export const TRACE_USAGE = `usage: patchbay trace [user@]host[:port] BRIDGE FLOW [options]

Traces one packet through Open vSwitch on the host with "ovs-appctl ofproto/trace" (read-only:
nothing is sent) and prints its path: one line per table hop with the rule and its actions, the
VLAN along the way, the patch pairs crossed, and the fate (out of which ports, dropped by which
rule, sent to a controller). Example:

  patchbay trace root@aio br-int 'in_port=qvo3c4d5e6f-7a,dl_dst=ff:ff:ff:ff:ff:ff'

FLOW is field=value pairs and at most one protocol (ip, ipv6, arp, rarp, icmp, icmp6, tcp, tcp6,
udp, udp6, sctp, sctp6), joined by commas: in_port (required), dl_src, dl_dst, dl_vlan,
dl_vlan_pcp, dl_type, nw_src, nw_dst, nw_proto, nw_tos, nw_ttl, ipv6_src, ipv6_dst, tp_src, tp_dst,
icmp_type, icmp_code, arp_op, arp_spa, arp_tpa, tun_id, tun_src, tun_dst (and OVS's other spellings
of them: eth_src, udp_dst, …).

options: -i FILE, -J JUMP, -F FILE, --sudo, --known-hosts FILE, --accept-new-host-key and
--timeout SECONDS as for snapshot (patchbay --help), and
  --json                   print the path as JSON (docs/trace.md) instead of text`;

export interface TraceArgs extends ConnectionArgs {
  request: TraceRequest;
  json: boolean;
  timeoutMs: number;
}

/** `patchbay trace` after the word `trace`; null for --help. */
export function parseTraceArgs(argv: string[]): TraceArgs | null {
  const { values, positionals } = parseCommandLine(argv, OPTIONS);
  if (values.help) return null;
  const [destination, bridge, flow, ...extra] = positionals;
  if (!destination || !bridge || !flow)
    throw new UsageError('trace needs a destination, a bridge and a flow');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  if (!OvsName.safeParse(bridge).success) throw new UsageError(`"${bridge}" is not a bridge name`);
  const packet = parseFlowText(flow);
  if (!packet.ok) throw new UsageError(`the flow was refused, nothing was run: ${packet.errors.join('; ')}`);
  return {
    ...hostConnection(destination, values),
    request: { bridge, packet: packet.packet },
    json: values.json ?? false,
  };
}

const OPTIONS = {
  ...CONNECTION_OPTIONS,
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;
