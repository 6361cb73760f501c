import { z } from 'zod';

/**
 * What may be traced: a bridge and the fields of one packet, each checked against the exact syntax
 * of its value (a MAC, an IPv4 address, a number in range), so the flow text built from it holds
 * nothing but `field=value` pairs: no comma, parenthesis, space or quote can come from the input.
 * Pure zod, browser-safe: the UI's form validates with the same schema the server enforces.
 */

/**
 * OVS bridge and port names, narrowed to a safe set. Longer than a kernel name (OVN's patch ports
 * run to 60 characters) but never starting with '-' (an option to ovs-appctl) or a dot or colon.
 */
export const OVS_NAME_RE = /^[A-Za-z0-9_][A-Za-z0-9_.:-]{0,127}$/;
export const OvsName = z
  .string()
  .regex(OVS_NAME_RE, 'at most 128 of A-Z a-z 0-9 _ . : - (not starting with "." ":" or "-")');

export const TRACE_PROTOCOLS = [
  'ip',
  'ipv6',
  'arp',
  'rarp',
  'icmp',
  'icmp6',
  'tcp',
  'tcp6',
  'udp',
  'udp6',
  'sctp',
  'sctp6',
] as const;
export type TraceProtocol = (typeof TRACE_PROTOCOLS)[number];

const Mac = z.string().regex(/^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/, 'a MAC address: aa:bb:cc:dd:ee:ff');
const uint = (max: number) => z.number().int().min(0).max(max);
const TUNNEL_ID_RE = /^(0x[0-9a-fA-F]{1,16}|\d{1,20})$/;
const TunnelId = z
  .string()
  .regex(TUNNEL_ID_RE, 'a number, decimal or 0x hex')
  // zod runs every check: only text the regex accepted may reach BigInt.
  .refine((s) => !TUNNEL_ID_RE.test(s) || BigInt(s) < 2n ** 64n, 'at most 64 bits');

export const TracePacket = z
  .strictObject({
    /** A port name of the bridge (or an OpenFlow port number, as OVS reads digits). */
    in_port: OvsName,
    dl_src: Mac.optional(),
    dl_dst: Mac.optional(),
    /** The 802.1Q VID the packet arrives with; absent means untagged. */
    dl_vlan: uint(4095).optional(),
    dl_vlan_pcp: uint(7).optional(),
    /** An EtherType, for traffic no protocol keyword names (give one or the other). */
    dl_type: uint(0xffff).optional(),
    protocol: z.enum(TRACE_PROTOCOLS).optional(),
    nw_src: z.ipv4().optional(),
    nw_dst: z.ipv4().optional(),
    nw_proto: uint(255).optional(),
    nw_tos: uint(255).optional(),
    nw_ttl: uint(255).optional(),
    ipv6_src: z.ipv6().optional(),
    ipv6_dst: z.ipv6().optional(),
    tp_src: uint(65535).optional(),
    tp_dst: uint(65535).optional(),
    icmp_type: uint(255).optional(),
    icmp_code: uint(255).optional(),
    arp_op: uint(255).optional(),
    arp_spa: z.ipv4().optional(),
    arp_tpa: z.ipv4().optional(),
    tun_id: TunnelId.optional(),
    tun_src: z.ipv4().optional(),
    tun_dst: z.ipv4().optional(),
  })
  .superRefine((p, ctx) => {
    // OVS refuses a field whose protocol the flow does not establish; say which one is missing.
    const need = (field: keyof typeof p, ok: boolean, what: string) => {
      if (p[field] !== undefined && !ok)
        ctx.addIssue({ code: 'custom', path: [field], message: `needs ${what}` });
    };
    const family = familyOf(p.protocol, p.dl_type);
    if (p.protocol !== undefined && p.dl_type !== undefined)
      ctx.addIssue({ code: 'custom', path: ['dl_type'], message: 'give a protocol or dl_type, not both' });
    need('dl_vlan_pcp', p.dl_vlan !== undefined, 'dl_vlan');
    need('nw_src', family === 'ipv4', 'an IPv4 protocol (ip, icmp, tcp, udp, sctp)');
    need('nw_dst', family === 'ipv4', 'an IPv4 protocol (ip, icmp, tcp, udp, sctp)');
    need('nw_tos', family === 'ipv4' || family === 'ipv6', 'an IP protocol');
    need('nw_ttl', family === 'ipv4' || family === 'ipv6', 'an IP protocol');
    need(
      'nw_proto',
      p.protocol === undefined
        ? family === 'ipv4' || family === 'ipv6'
        : p.protocol === 'ip' || p.protocol === 'ipv6',
      'protocol ip or ipv6, or dl_type 0x0800 or 0x86dd (tcp, udp… set it already)',
    );
    need('ipv6_src', family === 'ipv6', 'an IPv6 protocol (ipv6, icmp6, tcp6, udp6, sctp6)');
    need('ipv6_dst', family === 'ipv6', 'an IPv6 protocol (ipv6, icmp6, tcp6, udp6, sctp6)');
    const l4 = p.protocol !== undefined && L4.has(p.protocol);
    need('tp_src', l4, 'protocol tcp, udp or sctp (or tcp6, udp6, sctp6)');
    need('tp_dst', l4, 'protocol tcp, udp or sctp (or tcp6, udp6, sctp6)');
    const icmp = p.protocol === 'icmp' || p.protocol === 'icmp6';
    need('icmp_type', icmp, 'protocol icmp or icmp6');
    need('icmp_code', icmp, 'protocol icmp or icmp6');
    need('arp_op', family === 'arp', 'protocol arp or rarp');
    need('arp_spa', family === 'arp', 'protocol arp or rarp');
    need('arp_tpa', family === 'arp', 'protocol arp or rarp');
  });
export type TracePacket = z.infer<typeof TracePacket>;

export const TraceRequest = z.strictObject({
  /** The bridge the packet enters. */
  bridge: OvsName,
  packet: TracePacket,
});
export type TraceRequest = z.infer<typeof TraceRequest>;

const L4: ReadonlySet<string> = new Set(['tcp', 'tcp6', 'udp', 'udp6', 'sctp', 'sctp6']);
const IPV4: ReadonlySet<string> = new Set(['ip', 'icmp', 'tcp', 'udp', 'sctp']);
const IPV6: ReadonlySet<string> = new Set(['ipv6', 'icmp6', 'tcp6', 'udp6', 'sctp6']);

/** The network layer a protocol keyword or EtherType sets up; `none` when neither is given. */
function familyOf(protocol: TraceProtocol | undefined, dlType: number | undefined) {
  if (protocol !== undefined) {
    if (IPV4.has(protocol)) return 'ipv4';
    if (IPV6.has(protocol)) return 'ipv6';
    return 'arp';
  }
  if (dlType === undefined) return 'none';
  if (dlType === 0x0800) return 'ipv4';
  if (dlType === 0x86dd) return 'ipv6';
  if (dlType === 0x0806 || dlType === 0x8035) return 'arp';
  return 'other';
}
