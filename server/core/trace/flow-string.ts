import type { z } from 'zod';
import { TRACE_PROTOCOLS, TracePacket, type TraceProtocol, type TraceRequest } from './request';

/**
 * The packet as OVS flow text (`tcp,in_port=eth1,nw_src=…,tcp_dst=22`) and back. The text is built
 * only from validated fields, in one fixed order, so the same packet always yields the same text;
 * a flow typed on the command line is read into those fields first and never passed on as typed.
 */

/** The argument vector of a trace: read-only (no packet is given, so nothing is executed). */
export function traceArgv(request: TraceRequest): string[] {
  return ['ovs-appctl', 'ofproto/trace', request.bridge, flowText(request.packet)];
}

/**
 * OVS's exact-flow parser reads `tp_src`/`tp_dst` as the TCP fields only ("prerequisites not met"
 * for udp), so the ports are written with the protocol's own field names.
 */
const l4Prefix = (p: TraceProtocol | undefined) => (p ? (/^(tcp|udp|sctp)/.exec(p)?.[1] ?? 'tp') : 'tp');

const hex = (n: number, width: number) => `0x${n.toString(16).padStart(width, '0')}`;

/** Digits stay unquoted (OVS reads them as a port number); a name with a colon is quoted. */
const portValue = (name: string) => (name.includes(':') ? `"${name}"` : name);

export function flowText(p: TracePacket): string {
  const icmp = p.protocol === 'icmp6' ? 'icmpv6' : 'icmp';
  const l4 = l4Prefix(p.protocol);
  const parts: [string, string | number | undefined][] = [
    ['dl_type', p.dl_type === undefined ? undefined : hex(p.dl_type, 4)],
    ['in_port', portValue(p.in_port)],
    ['dl_src', p.dl_src?.toLowerCase()],
    ['dl_dst', p.dl_dst?.toLowerCase()],
    ['dl_vlan', p.dl_vlan],
    ['dl_vlan_pcp', p.dl_vlan_pcp],
    ['nw_src', p.nw_src],
    ['nw_dst', p.nw_dst],
    ['nw_proto', p.nw_proto],
    ['nw_tos', p.nw_tos],
    ['nw_ttl', p.nw_ttl],
    ['ipv6_src', p.ipv6_src?.toLowerCase()],
    ['ipv6_dst', p.ipv6_dst?.toLowerCase()],
    ['arp_op', p.arp_op],
    ['arp_spa', p.arp_spa],
    ['arp_tpa', p.arp_tpa],
    [`${l4}_src`, p.tp_src],
    [`${l4}_dst`, p.tp_dst],
    [`${icmp}_type`, p.icmp_type],
    [`${icmp}_code`, p.icmp_code],
    ['tun_id', p.tun_id],
    ['tun_src', p.tun_src],
    ['tun_dst', p.tun_dst],
  ];
  const fields = parts.flatMap(([k, v]) => (v === undefined ? [] : [`${k}=${v}`]));
  return [...(p.protocol ? [p.protocol] : []), ...fields].join(',');
}

type Field = keyof z.input<typeof TracePacket>;

/** Field names accepted in flow text, with the OVS spellings that mean the same field. */
const FIELD_NAMES: Record<string, Exclude<Field, 'protocol'>> = {
  in_port: 'in_port',
  dl_src: 'dl_src',
  eth_src: 'dl_src',
  dl_dst: 'dl_dst',
  eth_dst: 'dl_dst',
  dl_vlan: 'dl_vlan',
  dl_vlan_pcp: 'dl_vlan_pcp',
  dl_type: 'dl_type',
  eth_type: 'dl_type',
  nw_src: 'nw_src',
  ip_src: 'nw_src',
  nw_dst: 'nw_dst',
  ip_dst: 'nw_dst',
  nw_proto: 'nw_proto',
  ip_proto: 'nw_proto',
  nw_tos: 'nw_tos',
  nw_ttl: 'nw_ttl',
  ipv6_src: 'ipv6_src',
  ipv6_dst: 'ipv6_dst',
  tp_src: 'tp_src',
  tcp_src: 'tp_src',
  udp_src: 'tp_src',
  sctp_src: 'tp_src',
  tp_dst: 'tp_dst',
  tcp_dst: 'tp_dst',
  udp_dst: 'tp_dst',
  sctp_dst: 'tp_dst',
  icmp_type: 'icmp_type',
  icmpv6_type: 'icmp_type',
  icmp_code: 'icmp_code',
  icmpv6_code: 'icmp_code',
  arp_op: 'arp_op',
  arp_spa: 'arp_spa',
  arp_tpa: 'arp_tpa',
  tun_id: 'tun_id',
  tunnel_id: 'tun_id',
  tun_src: 'tun_src',
  tun_dst: 'tun_dst',
};

/** Fields whose value is a number in the schema; `tun_id` stays text (64 bits). */
const NUMERIC = new Set<Field>([
  'dl_vlan',
  'dl_vlan_pcp',
  'dl_type',
  'nw_proto',
  'nw_tos',
  'nw_ttl',
  'tp_src',
  'tp_dst',
  'icmp_type',
  'icmp_code',
  'arp_op',
]);

export type FlowParse = { ok: true; packet: TracePacket } | { ok: false; errors: string[] };

/**
 * Reads flow text (`in_port=qvo1,dl_vlan=1,dl_dst=ff:ff:ff:ff:ff:ff`) into packet fields: only the
 * characters flow values use, only known fields, each once, then the packet schema's own checks.
 */
export function parseFlowText(text: string): FlowParse {
  if (text.length === 0 || text.length > 1000)
    return fail('the flow is empty or longer than 1000 characters');
  const bad = /[^A-Za-z0-9_.:,="-]/.exec(text);
  if (bad) return fail(`the flow holds "${bad[0]}": only letters, digits and _ . : , = " - may appear`);
  const raw: Record<string, string | number> = {};
  const errors: string[] = [];
  for (const token of text.split(',')) {
    const eq = token.indexOf('=');
    const key: Field | undefined = eq < 0 ? 'protocol' : fieldNamed(token.slice(0, eq));
    const value = eq < 0 ? token : token.slice(eq + 1);
    if (key === undefined) errors.push(`unknown field "${token.slice(0, eq)}" (known: ${knownFields()})`);
    else if (key === 'protocol' && !(TRACE_PROTOCOLS as readonly string[]).includes(value))
      errors.push(`"${value}" is not a field=value pair or a protocol (${TRACE_PROTOCOLS.join(', ')})`);
    else if (key in raw) errors.push(`${key} is given twice`);
    else raw[key] = convert(key, value);
  }
  if (errors.length > 0) return { ok: false, errors };
  const parsed = TracePacket.safeParse(raw);
  if (parsed.success) return { ok: true, packet: parsed.data };
  return { ok: false, errors: parsed.error.issues.map((i) => `${i.path.join('.') || 'flow'}: ${i.message}`) };
}

// hasOwn: a name such as `constructor` must not resolve through Object.prototype.
const fieldNamed = (name: string) => (Object.hasOwn(FIELD_NAMES, name) ? FIELD_NAMES[name] : undefined);

const fail = (message: string): FlowParse => ({ ok: false, errors: [message] });

const knownFields = () => [...new Set(Object.keys(FIELD_NAMES))].join(', ');

/** Numbers as OVS writes them (decimal or 0x hex); anything else is left for the schema to refuse. */
function convert(key: Field, value: string): string | number {
  if (key === 'in_port') return value.replace(/^"(.*)"$/, '$1');
  if (!NUMERIC.has(key)) return value;
  return /^(\d{1,10}|0x[0-9a-fA-F]{1,8})$/.test(value) ? Number(value) : value;
}
