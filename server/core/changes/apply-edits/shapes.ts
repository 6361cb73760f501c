import { addressId, bridgeId, ifaceId, linkId, nsId, portId, routeId } from '../../model/identity';
import { blankInterface } from '../../model/made';
import type { Address, Bridge, Flow, Interface, Link, Namespace, Port, Route } from '../../model/schema';
import { parseIpLinks } from '../../parsers/ip-links';
import { parseIpRules } from '../../parsers/ip-rules';
import { parseFlowLine } from '../../parsers/ofctl-flows';
import { type Cidr, cidrAddress, formatIp } from '../cidr';

/**
 * New model objects shaped as the collector reports them right after the change. Host-assigned
 * values the change cannot know (uuids, ofport, ifindex, MACs of new links) get neutral values.
 */

export function newBridge(
  name: string,
  opts: {
    datapathType: string;
    failMode: string | null;
    protocols: string[];
    externalIds: Record<string, string>;
  },
): Bridge {
  return {
    id: bridgeId(name),
    uuid: '',
    name,
    datapathType: opts.datapathType,
    datapathId: null,
    failMode: opts.failMode,
    protocols: opts.protocols,
    stpEnable: false,
    controllers: [],
    externalIds: opts.externalIds,
    otherConfig: {},
    ports: [portId(name, name)],
    // Without a controller and not in secure fail mode, OVS installs the NORMAL flow itself.
    flows: opts.failMode === 'secure' ? [] : [synthesizedFlow(name, 0, 0, '0x0', '', 'NORMAL')],
  };
}

export function newPort(
  bridge: string,
  name: string,
  opts: {
    tag?: number | null;
    trunks?: number[];
    vlanMode?: string | null;
    externalIds?: Record<string, string>;
  } = {},
): Port {
  return {
    id: portId(bridge, name),
    uuid: '',
    name,
    bridge,
    tag: opts.tag ?? null,
    trunks: normalizeTrunks(opts.trunks ?? []),
    vlanMode: opts.vlanMode ?? null,
    bondMode: null,
    lacp: null,
    externalIds: opts.externalIds ?? {},
    otherConfig: {},
    interfaces: [ifaceId(name)],
  };
}

export const newInterface = (
  bridge: string,
  name: string,
  type: string,
  options: Record<string, string> = {},
  externalIds: Record<string, string> = {},
): Interface => blankInterface({ name, port: portId(bridge, name), bridge, type, options, externalIds });

/** OVSDB keeps trunks as a set: sorted, without repeats. */
export const normalizeTrunks = (trunks: readonly number[]): number[] =>
  [...new Set(trunks)].sort((a, b) => a - b);

/** The kernel link OVS makes for an internal port: `openvswitch` (kernel datapath) or a tap (userspace). */
export function newInternalLink(ns: string, name: string, datapathType: string): Link {
  const userspace = datapathType === 'netdev';
  return {
    id: linkId(ns, name),
    ifindex: 0,
    name,
    kind: userspace ? 'tun' : 'openvswitch',
    linkType: 'ether',
    mtu: 1500,
    operstate: 'DOWN',
    flags: userspace ? ['BROADCAST', 'MULTICAST', 'PROMISC'] : ['BROADCAST', 'MULTICAST'],
    ...(userspace ? { tunType: 'tap' } : {}),
    addresses: [],
  };
}

/** `ovs-system` (kernel datapath) or `ovs-netdev` (userspace): made with the first bridge of its type. */
export function newDatapathLink(datapathType: string): Link {
  const name = datapathLinkName(datapathType);
  return newInternalLink('', name, datapathType);
}

export const datapathLinkName = (datapathType: string): string =>
  datapathType === 'netdev' ? 'ovs-netdev' : 'ovs-system';

/**
 * The shared tunnel device the kernel datapath makes for vxlan/geneve/gre ports
 * (`vxlan_sys_4789`, `genev_sys_6081`, `gre_sys`); the userspace datapath makes none.
 */
export function tunnelSysLinkName(type: string, dstPort: string | undefined): string | null {
  if (type === 'vxlan') return `vxlan_sys_${dstPort ?? '4789'}`;
  if (type === 'geneve') return `genev_sys_${dstPort ?? '6081'}`;
  if (type === 'gre') return 'gre_sys';
  return null;
}

export function newTunnelSysLink(name: string, type: string): Link {
  return {
    id: linkId('', name),
    ifindex: 0,
    name,
    kind: type === 'gre' ? 'gretap' : type,
    slaveKind: 'openvswitch',
    linkType: 'ether',
    mtu: 65000,
    operstate: 'UNKNOWN',
    flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'],
    master: 'ovs-system',
    addresses: [],
  };
}

/**
 * A new veth end: down, MTU 1500. `link` names its peer even across namespaces (where ip would
 * print a link_netnsid instead): the planner pairs new ends by it; modelObjects ignores it.
 */
export function newVethLink(ns: string, name: string, peer: string): Link {
  return {
    id: linkId(ns, name),
    ifindex: 0,
    name,
    kind: 'veth',
    linkType: 'ether',
    mtu: 1500,
    operstate: 'DOWN',
    flags: ['BROADCAST', 'MULTICAST'],
    link: peer,
    addresses: [],
  };
}

/** What `ip -json` prints in a namespace just made by `ip netns add`: lo, down, and the default rules. */
const FRESH_NS = {
  links:
    '[{"ifindex":1,"ifname":"lo","flags":["LOOPBACK"],"mtu":65536,"operstate":"DOWN","link_type":"loopback","address":"00:00:00:00:00:00","addr_info":[]}]',
  rule4:
    '[{"priority":0,"src":"all","table":"local"},{"priority":32766,"src":"all","table":"main"},{"priority":32767,"src":"all","table":"default"}]',
  rule6: '[{"priority":0,"src":"all","table":"local"},{"priority":32766,"src":"all","table":"main"}]',
};

/** A new namespace, read through the collector's own parsers from what ip prints for a fresh one. */
export function newNamespace(name: string): Namespace {
  return {
    id: nsId(name),
    name,
    isRoot: false,
    netnsid: null,
    peers: [],
    links: parseIpLinks(FRESH_NS.links, name).items,
    routes: [],
    rules: [
      ...parseIpRules(FRESH_NS.rule4, name, 'inet').items,
      ...parseIpRules(FRESH_NS.rule6, name, 'inet6').items,
    ],
  };
}

/** The addresses the kernel gives a loopback when it comes up. */
export function loopbackAddresses(ns: string): Address[] {
  return [
    {
      id: addressId(ns, 'lo', '127.0.0.1', 8),
      family: 'inet',
      local: '127.0.0.1',
      prefixlen: 8,
      scope: 'host',
      label: 'lo',
    },
    { id: addressId(ns, 'lo', '::1', 128), family: 'inet6', local: '::1', prefixlen: 128, scope: 'host' },
  ];
}

/** An address as `ip -json address` prints one added by `ip address add` (no broadcast, label on IPv4). */
export function newAddress(ns: string, link: string, cidr: Cidr): Address {
  const local = formatIp(cidrAddress(cidr));
  const scope = addressScope(cidr, local);
  return {
    id: addressId(ns, link, local, cidr.prefixlen),
    family: cidr.family,
    local,
    prefixlen: cidr.prefixlen,
    scope,
    ...(cidr.family === 'inet' ? { label: link } : {}),
  };
}

function addressScope(cidr: Cidr, local: string): string {
  if (cidr.family === 'inet') return local.startsWith('127.') ? 'host' : 'global';
  if (local === '::1') return 'host';
  return /^fe[89ab][0-9a-f]:/i.test(local) ? 'link' : 'global';
}

/** A route as `ip -json route` prints one added by `ip route add` (proto boot, no prefsrc). */
export function newRoute(
  ns: string,
  r: {
    family: 'inet' | 'inet6';
    table: string;
    dst: string;
    gateway?: string;
    dev?: string;
    metric?: number;
  },
): Route {
  return {
    id: routeId(ns, r.table, r.family, r.dst, r.metric),
    family: r.family,
    table: r.table,
    type: 'unicast',
    dst: r.dst,
    ...(r.gateway === undefined ? {} : { gateway: r.gateway }),
    ...(r.dev === undefined ? {} : { dev: r.dev }),
    protocol: 'boot',
    scope: r.gateway === undefined && r.family === 'inet' ? 'link' : 'global',
    ...(r.metric === undefined ? {} : { metric: r.metric }),
    flags: [],
  };
}

/**
 * A flow as `ovs-ofctl dump-flows --names` prints it (counters stripped), parsed by the same
 * parser as a real dump so its match, actions and id come out identical.
 */
export function synthesizedFlow(
  bridge: string,
  table: number,
  priority: number,
  cookie: string,
  match: string,
  actions: string,
): Flow {
  // ovs-ofctl leaves out the default priority; the match follows it after a comma.
  const head = [priority === 32768 ? '' : `priority=${priority}`, match].filter((s) => s !== '').join(',');
  const line = `cookie=${cookie}, table=${table}, ${head}${head === '' ? '' : ' '}actions=${actions}`;
  const flow = parseFlowLine(line, bridge);
  if (!flow) throw new Error(`internal: synthesized flow line did not parse: ${line}`);
  return flow;
}
