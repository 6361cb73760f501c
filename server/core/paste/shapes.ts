import type { OutputKind } from './command';

/**
 * The look of each output Patchbay reads, line by line: which lines start one (to find outputs
 * pasted without their command) and which lines can belong to one (to find where it ends).
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const VSCTL_START = /^(?:Bridge|Manager)\s+\S|^ovs_version:/;
const VSCTL_LINE = /^(?:(?:Bridge|Port|Interface|Controller|Manager)\s+\S|[a-z_]+:(?:\s|$))/;
const FLOWS_HEADER = /^(?:NXST|OFPST)_FLOW reply\b/;
const FLOW_LINE = /(?:^|[\s,])actions=/;
const FLOW_START = /^(?:cookie=0x[0-9a-f]+,|(?:table|priority)=\S*.*\sactions=)/;
const OFCTL_SHOW_START = /^(?:OFPT_FEATURES_REPLY|OFPST_PORT_DESC reply)\b/;
const OFCTL_SHOW_LINE =
  /^(?:OFP[A-Z]*_[A-Z_]+|n_tables:|capabilities:|actions:|(?:\d+|LOCAL)\(.*\):\s*addr:|(?:config|state|current|advertised|supported|peer|speed):)/;
/** `2: eth0@if7: <BROADCAST,…>`: the first line of each link in `ip link` and `ip address`. */
export const IP_LINK_HEADER = /^(\d+):\s+([^\s:@]+)(?:@([^\s:]+))?:\s+<([^>]*)>(.*)$/;
const ROUTE_TYPES = 'unicast|local|broadcast|multicast|unreachable|blackhole|prohibit|throw|anycast|nat';
/** `default`, an IPv4 or an IPv6 prefix (IPv6 has two colons at least, unlike `1: lo:`). */
const ROUTE_DST = String.raw`(?:default|[0-9]+(?:\.[0-9]+){3}(?:/\d+)?|[0-9a-f]*:[0-9a-f]*:[0-9a-f:.]*(?:/\d+)?)`;
/** A route line: optional type, a destination, then one of ip's route keywords. */
const ROUTE_START = new RegExp(
  String.raw`^(?:(?:${ROUTE_TYPES})\s+)?${ROUTE_DST}\s+(?:via|dev|proto|scope|src|metric|table|nhid)\b`,
);
/** Looser: a multipath route's first line carries no `via`/`dev` (`10.0.0.0/8 proto static`). */
const ROUTE_LINE = new RegExp(String.raw`^(?:(?:${ROUTE_TYPES})\s+)?${ROUTE_DST}(?:\s|$)|^nexthop\s`);
const NETNS_WITH_ID = /^\S+\s+\(id:\s*\d+\)$/;
const NETNS_LINE = /^[\w.:@+-]+(?:\s+\(id:\s*\d+\))?$/;

/** The kind of output a line starts, when it can only be the start of that output. */
export function startKind(line: string): OutputKind | 'json' | null {
  const t = line.trim();
  if (t === '') return null;
  if (UUID.test(t) || VSCTL_START.test(t)) return 'ovs-vsctl show';
  if (FLOWS_HEADER.test(t) || FLOW_START.test(t)) return 'ovs-ofctl dump-flows';
  if (OFCTL_SHOW_START.test(t)) return 'ovs-ofctl show';
  if (IP_LINK_HEADER.test(t)) return 'ip address';
  if (ROUTE_START.test(t)) return 'ip route';
  if (NETNS_WITH_ID.test(t)) return 'ip netns';
  if (t.startsWith('[') || t.startsWith('{')) return 'json';
  return null;
}

/**
 * Whether a line can belong to an output of this kind. `indented` says the line is indented more
 * than the output's first line (ip's continuation lines are).
 */
export function fits(kind: OutputKind, line: string, indented: boolean): boolean {
  const t = line.trim();
  if (t === '') return true;
  switch (kind) {
    case 'ovs-vsctl show':
      return UUID.test(t) || VSCTL_LINE.test(t);
    case 'ovs-ofctl dump-flows':
      return FLOWS_HEADER.test(t) || FLOW_LINE.test(t);
    case 'ovs-ofctl show':
      return OFCTL_SHOW_LINE.test(t);
    case 'ip address':
    case 'ip link':
      return IP_LINK_HEADER.test(t) || indented;
    case 'ip route':
      return ROUTE_LINE.test(t) || (indented && t.startsWith('nexthop'));
    case 'ip netns':
      return NETNS_LINE.test(t);
  }
}

/** What a JSON value pasted without its command is, from the keys of its first element. */
export function jsonKind(value: unknown): OutputKind | null {
  if (!Array.isArray(value)) return null;
  const first: unknown = value[0];
  if (first === undefined) return null;
  if (typeof first !== 'object' || first === null) return null;
  if ('ifname' in first)
    return value.some((l) => typeof l === 'object' && l && 'addr_info' in l) ? 'ip address' : 'ip link';
  if ('dst' in first) return 'ip route';
  if ('name' in first && Object.keys(first).every((k) => k === 'name' || k === 'id')) return 'ip netns';
  return null;
}
