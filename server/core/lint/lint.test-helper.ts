import { newBridge, newNamespace } from '../changes/plan.test-helper';
import { addressId, ifaceId, linkId, portId, routeId } from '../model/identity';
import { madeHost } from '../model/made';
import type { Bridge, HostModel, Interface, Link, Namespace, Port, Route } from '../model/schema';
import { parseCollection } from '../parse-host';
import { fixture } from '../parsers/fixtures.test-helper';
import { parseFlowLine } from '../parsers/ofctl-flows';
import { type LintOptions, lintContext } from './context';
import type { Finding, LintContext } from './types';

/** Test-only: models of the captured hosts and small builders for hand-made ones. */

export const FIXTURES = {
  openstack: 'openstack-aio.collect.txt',
  compute: 'compute.collect.txt',
  kvm: 'lab-kvm.collect.txt',
  aio: 'lab-openstack-aio.v2.collect.txt',
  noOvs: 'no-ovs.collect.txt',
} as const;
export type FixtureName = keyof typeof FIXTURES;

const cache = new Map<string, HostModel>();
export function fixtureModel(name: FixtureName): HostModel {
  let model = cache.get(name);
  if (!model) {
    model = parseCollection(fixture(FIXTURES[name]), { host: name, collectedAt: '2026-01-01T00:00:00Z' });
    cache.set(name, model);
  }
  return structuredClone(model);
}

export const lintContextOf = (model: HostModel, opts: LintOptions = {}): LintContext =>
  lintContext(model, opts);

/** Runs one rule on a model. */
export const run = (
  check: (ctx: LintContext) => Finding[],
  model: HostModel,
  opts: LintOptions = {},
): Finding[] => check(lintContext(model, opts));

/** Rule, title and objects of each finding: what most tests compare. */
export const brief = (findings: Finding[]) =>
  findings.map((f) => ({ rule: f.rule, title: f.title, objects: f.objects }));

/** A host with a root namespace holding lo, and an empty Open vSwitch. */
export function host(): HostModel {
  return madeHost('test', '2026-01-01T00:00:00Z', { bridges: [], ports: [], interfaces: [] }, [
    namespace('', true),
  ]);
}

function namespace(name: string, isRoot = false): Namespace {
  const lo: Link = {
    id: linkId(name, 'lo'),
    ifindex: nextIndex(),
    name: 'lo',
    kind: 'device',
    linkType: 'loopback',
    mac: '00:00:00:00:00:00',
    mtu: 65536,
    operstate: 'UNKNOWN',
    flags: ['LOOPBACK', 'UP', 'LOWER_UP'],
    addresses: [],
  };
  return { ...newNamespace(name), isRoot, links: [lo] };
}

let ifindex = 100;
const nextIndex = () => ifindex++;

/** The namespace named `name`, made when missing. */
export function ns(model: HostModel, name: string): Namespace {
  let found = model.namespaces.find((n) => n.name === name);
  if (!found) {
    found = namespace(name);
    model.namespaces.push(found);
  }
  return found;
}

/** Link fields to set; addresses as `address/prefixlen`. */
export type LinkOpts = Partial<Omit<Link, 'addresses'>> & { addresses?: string[] };

/** Adds a kernel link (up, MTU 1500, a unique MAC unless given) with its addresses. */
export function link(model: HostModel, nsName: string, name: string, opts: LinkOpts = {}): Link {
  const index = opts.ifindex ?? nextIndex();
  const { addresses = [], ...rest } = opts;
  const l: Link = {
    id: linkId(nsName, name),
    ifindex: index,
    name,
    kind: 'device',
    linkType: 'ether',
    mac: `02:00:00:00:${(index >> 8).toString(16).padStart(2, '0')}:${(index & 0xff).toString(16).padStart(2, '0')}`,
    mtu: 1500,
    operstate: 'UP',
    flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'],
    ...rest,
    addresses: addresses.map((cidr) => {
      const [local = '', len = '0'] = cidr.split('/');
      return {
        id: addressId(nsName, name, local, Number(len)),
        family: local.includes(':') ? 'inet6' : 'inet',
        local,
        prefixlen: Number(len),
        scope: local.startsWith('fe80') ? 'link' : 'global',
      };
    }),
  };
  ns(model, nsName).links.push(l);
  return l;
}

/** A veth pair; ends in different namespaces point at each other by ifindex as ip shows them. */
export function veth(
  model: HostModel,
  [nsA, nameA]: [string, string],
  [nsB, nameB]: [string, string],
  opts: { a?: LinkOpts; b?: LinkOpts } = {},
): [Link, Link] {
  const ia = nextIndex();
  const ib = nextIndex();
  const cross = nsA !== nsB ? { linkNetnsid: 99 } : {};
  const a = link(model, nsA, nameA, { kind: 'veth', ifindex: ia, linkIndex: ib, ...cross, ...opts.a });
  const b = link(model, nsB, nameB, { kind: 'veth', ifindex: ib, linkIndex: ia, ...cross, ...opts.b });
  return [a, b];
}

/** Adds a route to a namespace. */
export function route(model: HostModel, nsName: string, r: Partial<Route> & { dst: string }): Route {
  const family = r.family ?? (r.dst.includes(':') ? 'inet6' : 'inet');
  const table = r.table ?? 'main';
  const full: Route = {
    id: routeId(nsName, table, family, r.dst, r.metric),
    family,
    table,
    type: 'unicast',
    flags: [],
    ...r,
  };
  ns(model, nsName).routes.push(full);
  return full;
}

/** Adds a bridge with its own internal port (ofport 65534) and the given flows (dump-flows lines). */
export function bridge(
  model: HostModel,
  name: string,
  flows: string[] | null = ['priority=0 actions=NORMAL'],
): Bridge {
  const b = newBridge(name, { uuid: `uuid-${name}`, flows: null });
  model.ovs?.bridges.push(b);
  port(model, name, name, { type: 'internal', ofport: 65534 });
  b.flows = flows === null ? null : flows.map((line) => flowOf(name, line));
  return b;
}

export function flowOf(bridgeName: string, line: string) {
  const flow = parseFlowLine(`cookie=0x0, table=0, ${line}`, bridgeName);
  if (!flow) throw new Error(`flow did not parse: ${line}`);
  return flow;
}

/**
 * Adds a port and its interfaces (several make a bond); the interfaces are up with MTU 1500.
 * Kernel-backed types find their link by name, as on a real host: add it with link() yourself.
 */
export function port(
  model: HostModel,
  bridgeName: string,
  name: string,
  opts: Partial<Pick<Port, 'tag' | 'trunks' | 'vlanMode' | 'bondMode'>> &
    Partial<Pick<Interface, 'type' | 'options' | 'ofport' | 'error' | 'externalIds' | 'mtu'>> & {
      members?: string[];
    } = {},
): Port {
  const ovs = model.ovs;
  if (!ovs) throw new Error('no ovs');
  const names = opts.members ?? [name];
  const p: Port = {
    id: portId(bridgeName, name),
    uuid: `uuid-${name}`,
    name,
    bridge: bridgeName,
    tag: opts.tag ?? null,
    trunks: opts.trunks ?? [],
    vlanMode: opts.vlanMode ?? null,
    bondMode: opts.bondMode ?? (names.length > 1 ? 'active-backup' : null),
    lacp: null,
    externalIds: {},
    otherConfig: {},
    interfaces: names.map(ifaceId),
  };
  ovs.ports.push(p);
  ovs.bridges.find((b) => b.name === bridgeName)?.ports.push(p.id);
  // OVS numbers ports from 1 per bridge; the bridge's own port is 65534.
  const used = ovs.interfaces.filter((i) => i.bridge === bridgeName && (i.ofport ?? 0) < 0xff00);
  let next = Math.max(0, ...used.map((i) => i.ofport ?? 0)) + 1;
  for (const ifname of names)
    ovs.interfaces.push({
      id: ifaceId(ifname),
      uuid: `uuid-${ifname}`,
      name: ifname,
      port: p.id,
      bridge: bridgeName,
      type: opts.type ?? 'system',
      options: opts.options ?? {},
      ofport: opts.ofport ?? next++,
      ofportRequest: null,
      error: opts.error ?? null,
      macInUse: null,
      mac: null,
      mtu: opts.mtu ?? null,
      mtuRequest: null,
      adminState: 'up',
      linkState: 'up',
      linkSpeed: null,
      ifindex: null,
      externalIds: opts.externalIds ?? {},
      status: {},
    });
  return p;
}

/** Joins two bridges with a patch pair. */
export function patch(
  model: HostModel,
  [bridgeA, portA]: [string, string],
  [bridgeB, portB]: [string, string],
) {
  port(model, bridgeA, portA, { type: 'patch', options: { peer: portB } });
  port(model, bridgeB, portB, { type: 'patch', options: { peer: portA } });
}

/** The OVS interface named `name`. */
export function iface(model: HostModel, name: string): Interface {
  const found = model.ovs?.interfaces.find((i) => i.name === name);
  if (!found) throw new Error(`no interface ${name}`);
  return found;
}

/** The link `name` in namespace `nsName`. */
export function linkIn(model: HostModel, nsName: string, name: string): Link {
  const found = ns(model, nsName).links.find((l) => l.name === name);
  if (!found) throw new Error(`no link ${name} in ${nsName}`);
  return found;
}
