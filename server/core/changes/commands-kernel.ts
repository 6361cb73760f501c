import type { Link, Route } from '../model/schema';
import type { LinkEntry } from './model-index';
import { ROOT_NETNS_PID } from './shell-quote';
import { nsLabel } from './text';

/**
 * Whole `ip` commands, run one by one. A named namespace is reached with `ip -n NS …`; the root
 * namespace takes no option. Moving a device to the root namespace names PID 1's namespace
 * (`netns 1`), which is the root namespace of the host the commands run on.
 */
export const nsArgs = (ns: string): string[] => (ns === '' ? [] : ['-n', ns]);
export const netnsTarget = (ns: string): string => (ns === '' ? ROOT_NETNS_PID : ns);
export const ip = (ns: string, ...args: string[]): string[] => ['ip', ...nsArgs(ns), ...args];

/** OVS enslaves its own ports to `ovs-system`; that master is never set or cleared with ip. */
export const OVS_MASTER = 'ovs-system';

// ---------------------------------------------------------------- namespaces

export const namespaceAdd = (name: string): string[] => ['ip', 'netns', 'add', name];
export const namespaceDelete = (name: string): string[] => ['ip', 'netns', 'del', name];

// ---------------------------------------------------------------- link settings

const isLoopback = (link: Link) => link.linkType === 'loopback' || link.name === 'lo';

/** The MTU a fresh device of this kind gets; undefined when it depends (vxlan: its lower device). */
function defaultMtu(link: Link): number | undefined {
  if (isLoopback(link)) return 65536;
  if (link.kind === 'vxlan') return undefined;
  return 1500;
}

/** `mtu N address M master B up`: what a freshly created device needs to look like `link`. */
export function settingWords(link: Link): string[] {
  return [
    ...(link.mtu !== undefined && link.mtu !== defaultMtu(link) ? ['mtu', String(link.mtu)] : []),
    ...(link.mac !== undefined && !isLoopback(link) ? ['address', link.mac] : []),
    ...(link.master !== undefined && link.master !== OVS_MASTER ? ['master', link.master] : []),
    ...(link.flags.includes('UP') ? ['up'] : []),
  ];
}

export const linkSet = (ns: string, name: string, words: string[]): string[][] =>
  words.length === 0 ? [] : [ip(ns, 'link', 'set', 'dev', name, ...words)];

/** `up mtu=9000` for texts. */
export function settingText(link: Link): string {
  const w = settingWords(link);
  const out: string[] = [];
  for (let i = 0; i < w.length; i++) {
    const word = w[i] ?? '';
    if (word === 'up') out.push('up');
    else out.push(`${word}=${w[++i] ?? ''}`);
  }
  return out.join(' ');
}

// ---------------------------------------------------------------- create / delete

/** Kinds created one at a time; `veth` is created as a pair (vethCreate). Rank orders creation. */
export const linkRank = (kind: string): number =>
  kind === 'bridge'
    ? 0
    : kind === 'vlan' || kind === 'macvlan' || kind === 'ipvlan' || kind === 'vxlan'
      ? 2
      : 1;

/** The `ip … add` of one device, or why it cannot be created. */
/** `ip link add link PARENT name NAME type KIND …`: a device stacked on another (VLAN, macvlan, ipvlan). */
const childLink = (ns: string, parent: string, name: string, kind: string, extra: string[]): string[] =>
  ip(ns, 'link', 'add', 'link', parent, 'name', name, 'type', kind, ...extra);

export function linkCreateArgv(ns: string, link: Link): string[] | string {
  const name = link.name;
  switch (link.kind) {
    case 'dummy':
    case 'bridge':
      return ip(ns, 'link', 'add', name, 'type', link.kind);
    case 'vlan':
      if (link.link === undefined || link.vlanId === undefined)
        return `VLAN ${nsLabel(ns)}/${name}: parent or VLAN id unknown`;
      return childLink(ns, link.link, name, 'vlan', [
        'id',
        String(link.vlanId),
        ...(link.vlanProtocol && link.vlanProtocol !== '802.1Q' ? ['protocol', link.vlanProtocol] : []),
      ]);
    case 'macvlan':
    case 'ipvlan':
      if (link.link === undefined) return `${link.kind} ${nsLabel(ns)}/${name}: parent unknown`;
      return childLink(ns, link.link, name, link.kind, link.mode ? ['mode', link.mode] : []);
    case 'vxlan': {
      const v = link.vxlan;
      if (v?.id === undefined) return `VXLAN ${nsLabel(ns)}/${name}: VNI unknown`;
      return ip(
        ns,
        'link',
        'add',
        name,
        'type',
        'vxlan',
        'id',
        String(v.id),
        ...(v.remote ? ['remote', v.remote] : []),
        ...(v.local ? ['local', v.local] : []),
        ...(v.group ? ['group', v.group] : []),
        ...(v.dstport !== undefined ? ['dstport', String(v.dstport)] : []),
        ...(v.dev ? ['dev', v.dev] : []),
      );
    }
    case 'tun':
      if (link.tunType !== 'tap' && link.tunType !== 'tun')
        return `tun ${nsLabel(ns)}/${name}: tun/tap mode unknown`;
      return ip(ns, 'tuntap', 'add', 'dev', name, 'mode', link.tunType);
    default:
      return `${nsLabel(ns)}/${name} is a ${link.kind} device: ip cannot create or delete it`;
  }
}

export function linkDeleteArgv(ns: string, link: Link): string[] {
  if (link.kind === 'tun' && (link.tunType === 'tap' || link.tunType === 'tun'))
    return ip(ns, 'tuntap', 'del', 'dev', link.name, 'mode', link.tunType);
  return ip(ns, 'link', 'del', link.name);
}

/** The end of a pair a veth is created from (and deleted by): the root end, else the smaller id. */
export function vethFirst(a: LinkEntry, b: LinkEntry): [LinkEntry, LinkEntry] {
  if (a.ns.isRoot !== b.ns.isRoot) return a.ns.isRoot ? [a, b] : [b, a];
  return a.link.id <= b.link.id ? [a, b] : [b, a];
}

/** ONE `ip link add A type veth peer name B netns NS_B`, then each end's settings. */
export function vethCreate(first: LinkEntry, second: LinkEntry): string[][] {
  const ns1 = first.ns.name;
  const ns2 = second.ns.name;
  return [
    ip(
      ns1,
      'link',
      'add',
      first.link.name,
      'type',
      'veth',
      'peer',
      'name',
      second.link.name,
      ...(ns2 !== ns1 ? ['netns', netnsTarget(ns2)] : []),
    ),
    ...linkSet(ns1, first.link.name, settingWords(first.link)),
    ...linkSet(ns2, second.link.name, settingWords(second.link)),
  ];
}

export const vethDelete = (first: LinkEntry): string[][] => [
  ip(first.ns.name, 'link', 'del', first.link.name),
];

export function vethText(sign: '+' | '-', first: LinkEntry, second: LinkEntry): string {
  const end = (e: LinkEntry) => {
    const s = sign === '+' ? settingText(e.link) : '';
    return `${nsLabel(e.ns.name)}/${e.link.name}${s ? ` ${s}` : ''}`;
  };
  return `${sign} veth ${end(first)} ↔ ${end(second)}`;
}

// ---------------------------------------------------------------- settle / unsettle / move

/**
 * A device someone else creates (OVS: internal ports and a bridge's own port; `ip netns add`: lo):
 * `settle` gives it its place and settings once it exists (into its namespace, mtu, address, up;
 * `ownMac` false leaves the address to its maker: OVS picks a bridge's own MAC);
 * `unsettle` takes it back before its creator deletes it (back to the root namespace, or down).
 */
export function settle(ns: string, link: Link, createdInRoot: boolean, ownMac = true): string[][] {
  const move = createdInRoot && ns !== '' ? [ip('', 'link', 'set', 'dev', link.name, 'netns', ns)] : [];
  const words = linkSet(ns, link.name, settingWords(ownMac ? link : { ...link, mac: undefined }));
  return move.length === 0 && words.length === 0 ? [] : [...move, ...words];
}

export function unsettle(ns: string, link: Link, createdInRoot: boolean): string[][] {
  if (createdInRoot && ns !== '') return [ip(ns, 'link', 'set', 'dev', link.name, 'netns', ROOT_NETNS_PID)];
  return [ip(ns, 'link', 'set', 'dev', link.name, 'down')];
}

/**
 * Moves a device from one namespace to another. The kernel sets a moved device down and drops
 * its master, so `up` and `master` are set again on arrival; mtu and address only when they differ.
 */
export function moveLink(from: LinkEntry, to: LinkEntry): string[][] {
  const a = from.link;
  const b = to.link;
  const words = [
    ...(b.mtu !== undefined && b.mtu !== a.mtu ? ['mtu', String(b.mtu)] : []),
    ...(b.mac !== undefined && b.mac !== a.mac ? ['address', b.mac] : []),
    ...(b.master !== undefined && b.master !== OVS_MASTER ? ['master', b.master] : []),
    ...(b.flags.includes('UP') ? ['up'] : []),
  ];
  return [
    ip(from.ns.name, 'link', 'set', 'dev', a.name, 'netns', netnsTarget(to.ns.name)),
    ...linkSet(to.ns.name, b.name, words),
  ];
}

/**
 * The inverse of moveLink(from, to), written for the executor's pairing of a step's commands
 * (inverse[i] undoes forward[n-1-i] when the counts match): when the forward also set the device
 * up/mtu/… on arrival, a `down` in the target comes first, so that after only the move succeeded
 * the move back is what runs.
 */
export function moveLinkBack(from: LinkEntry, to: LinkEntry): string[][] {
  const forward = moveLink(from, to);
  const back = moveLink(to, from);
  return forward.length > 1 ? [ip(to.ns.name, 'link', 'set', 'dev', to.link.name, 'down'), ...back] : back;
}

/** `ip link set` words taking a link's projected fields (up, mtu, mac, master) to one side. */
export function linkChangeWords(
  changes: readonly { field: string; before: unknown; after: unknown }[],
  to: 'before' | 'after',
): string[] {
  const from = to === 'after' ? 'before' : 'after';
  const words: string[] = [];
  let up: string[] = [];
  for (const c of changes) {
    const target = c[to];
    const other = c[from];
    switch (c.field) {
      case 'mtu':
        if (typeof target === 'number' && typeof other === 'number') words.push('mtu', String(target));
        break;
      case 'mac':
        if (typeof target === 'string' && typeof other === 'string') words.push('address', target);
        break;
      case 'master':
        if (target === OVS_MASTER || other === OVS_MASTER) break;
        if (typeof target === 'string') words.push('master', target);
        else words.push('nomaster');
        break;
      case 'up':
        up = [target ? 'up' : 'down'];
        break;
    }
  }
  return [...words, ...up];
}

// ---------------------------------------------------------------- addresses and routes

export const addressArgv = (verb: 'add' | 'del', ns: string, cidr: string, dev: string): string[] =>
  ip(ns, 'addr', verb, cidr, 'dev', dev);

export interface RouteFields {
  table: string;
  family: string;
  type: string;
  dst: string;
  via: string | null;
  dev: string | null;
  metric: number | null;
}

/** `ip [-n NS] [-6] route VERB [TYPE] DST [via GW] [dev D] [metric M] [table T] [nexthop …]` */
export function routeArgv(
  verb: 'add' | 'del' | 'replace',
  ns: string,
  f: RouteFields,
  nexthops: Route['nexthops'] = [],
): string[] {
  return [
    'ip',
    ...nsArgs(ns),
    ...(f.family === 'inet6' ? ['-6'] : []),
    'route',
    verb,
    ...(f.type !== 'unicast' ? [f.type] : []),
    f.dst,
    ...(f.via !== null ? ['via', f.via] : []),
    ...(f.dev !== null ? ['dev', f.dev] : []),
    ...(f.metric !== null ? ['metric', String(f.metric)] : []),
    ...(f.table !== 'main' ? ['table', f.table] : []),
    ...(nexthops ?? []).flatMap((h) => [
      'nexthop',
      ...(h.gateway ? ['via', h.gateway] : []),
      ...(h.dev ? ['dev', h.dev] : []),
    ]),
  ];
}

/** `vm1 default via 10.0.0.1 dev eth0` */
export function routeWords(ns: string, f: RouteFields): string {
  return [
    nsLabel(ns),
    ...(f.table !== 'main' ? [`table ${f.table}`] : []),
    ...(f.type !== 'unicast' ? [f.type] : []),
    f.dst,
    ...(f.via !== null ? [`via ${f.via}`] : []),
    ...(f.dev !== null ? [`dev ${f.dev}`] : []),
    ...(f.metric !== null ? [`metric ${f.metric}`] : []),
  ].join(' ');
}
