import { addressId, bridgeId, linkId, nsId, portId, routeId } from '../model/identity';
import type {
  Address,
  Bridge,
  Flow,
  HostModel,
  Interface,
  Link,
  Namespace,
  Port,
  Route,
} from '../model/schema';
import { parseCollection } from '../parse-host';
import { fixture } from '../parsers/fixtures.test-helper';
import { newInterface, newPort } from './apply-edits/shapes';
import { plan } from './plan';
import type { Plan, Step } from './types';

/** Test-only: models of the captured hosts, and small builders that edit a clone of one. */

export const FIXTURES = {
  aio: 'lab-openstack-aio.v2.collect.txt',
  kvm: 'lab-kvm.collect.txt',
  openstack: 'openstack-aio.collect.txt',
  openstack2: 'openstack-aio.second-read.collect.txt',
} as const;

const cache = new Map<string, HostModel>();
export function load(name: keyof typeof FIXTURES): HostModel {
  const file = FIXTURES[name];
  let model = cache.get(file);
  if (!model) {
    const host = name === 'openstack2' ? 'openstack' : name;
    model = parseCollection(fixture(file), {
      host,
      collectedAt: `2026-01-0${name === 'openstack2' ? 2 : 1}T00:00:00Z`,
    });
    cache.set(file, model);
  }
  return structuredClone(model);
}

export function ns(m: HostModel, name: string): Namespace {
  const found = m.namespaces.find((n) => n.name === name);
  if (!found) throw new Error(`no namespace ${name}`);
  return found;
}

export function link(m: HostModel, nsName: string, name: string): Link {
  const found = ns(m, nsName).links.find((l) => l.name === name);
  if (!found) throw new Error(`no link ${name} in ${nsName}`);
  return found;
}

export function bridge(m: HostModel, name: string): Bridge {
  const found = m.ovs?.bridges.find((b) => b.name === name);
  if (!found) throw new Error(`no bridge ${name}`);
  return found;
}

export function port(m: HostModel, name: string): Port {
  const found = m.ovs?.ports.find((p) => p.name === name);
  if (!found) throw new Error(`no port ${name}`);
  return found;
}

export function iface(m: HostModel, name: string): Interface {
  const found = m.ovs?.interfaces.find((i) => i.name === name);
  if (!found) throw new Error(`no interface ${name}`);
  return found;
}

export function newBridge(name: string, opts: Partial<Bridge> = {}): Bridge {
  return {
    id: bridgeId(name),
    uuid: '',
    name,
    datapathType: '',
    datapathId: null,
    failMode: null,
    protocols: [],
    stpEnable: false,
    controllers: [],
    externalIds: {},
    otherConfig: {},
    ports: [],
    flows: [],
    ...opts,
  };
}

export function newLink(nsName: string, name: string, opts: Partial<Link> = {}): Link {
  return {
    id: linkId(nsName, name),
    ifindex: 0,
    name,
    kind: 'veth',
    linkType: 'ether',
    mtu: 1500,
    flags: ['BROADCAST', 'MULTICAST'],
    addresses: [],
    ...opts,
  };
}

/** An IPv4 address as `ip -json address` lists one (`10.3.0.2/24` on a link). */
export function newAddress4(nsName: string, linkName: string, cidr: string): Address {
  const [local = '', len = '32'] = cidr.split('/');
  const prefixlen = Number(len);
  return { id: addressId(nsName, linkName, local, prefixlen), family: 'inet', local, prefixlen };
}

/** A unicast IPv4 route of table main as `ip route add … via … dev …` leaves it (proto boot). */
export function newRoute4(nsName: string, dst: string, gateway: string, dev: string): Route {
  return {
    id: routeId(nsName, 'main', 'inet', dst, undefined),
    family: 'inet',
    table: 'main',
    type: 'unicast',
    dst,
    gateway,
    dev,
    protocol: 'boot',
    flags: [],
  };
}

export function newNamespace(name: string): Namespace {
  return { id: nsId(name), name, isRoot: false, netnsid: null, peers: [], links: [], routes: [], rules: [] };
}

/** Adds a port with one interface of the same name to `bridge`. */
export function addPort(
  m: HostModel,
  bridgeName: string,
  name: string,
  opts: { type?: string; port?: Partial<Port>; iface?: Partial<Interface> } = {},
): void {
  const ovs = m.ovs;
  if (!ovs) throw new Error('no ovs');
  // Shaped like the collector's objects by the same builders applyEdits uses.
  ovs.ports.push({ ...newPort(bridgeName, name), ...opts.port });
  ovs.interfaces.push({ ...newInterface(bridgeName, name, opts.type ?? 'internal'), ...opts.iface });
  bridge(m, bridgeName).ports.push(portId(bridgeName, name));
}

/** Removes a port with its interfaces (and, for internal ports, nothing else: see removeLink). */
export function removePort(m: HostModel, name: string): void {
  const ovs = m.ovs;
  if (!ovs) throw new Error('no ovs');
  const p = port(m, name);
  ovs.ports = ovs.ports.filter((x) => x !== p);
  ovs.interfaces = ovs.interfaces.filter((i) => !p.interfaces.includes(i.id));
  for (const b of ovs.bridges) b.ports = b.ports.filter((id) => id !== p.id);
}

export function removeLink(m: HostModel, nsName: string, name: string): void {
  const n = ns(m, nsName);
  n.links = n.links.filter((l) => l.name !== name);
}

/** A flow as the parser would give it (raw line without counters). */
export function newFlow(
  bridgeName: string,
  table: number,
  priority: number,
  match: [string, string][],
  actions: string,
): Flow {
  const matchText = match.map(([f, v]) => (v === '' ? f : `${f}=${v}`)).join(',');
  return {
    id: `flow:${bridgeName}/${table}/${priority}/test`,
    bridge: bridgeName,
    table,
    priority,
    cookie: '0x0',
    match: match.map(([field, value]) => ({ field, value })),
    ...(match.find(([f]) => f === 'in_port') ? { inPort: match.find(([f]) => f === 'in_port')?.[1] } : {}),
    actions: actions.split(',').map((a) => {
      const [type = a, arg] = a.split(':');
      return { type: type.toLowerCase(), raw: a, ...(type === 'output' && arg ? { port: arg } : {}) };
    }),
    raw: `cookie=0x0, table=${table}, priority=${priority}${matchText ? `,${matchText}` : ''} actions=${actions}`,
    flags: [],
  };
}

/** Steps by text, for readable expectations. */
export const texts = (p: Plan): string[] => p.steps.map((s) => s.text);
export const stepOf = (p: Plan, text: string | RegExp): Step => {
  const s = p.steps.find((x) => (typeof text === 'string' ? x.text === text : text.test(x.text)));
  if (!s) throw new Error(`no step ${String(text)} in:\n${texts(p).join('\n')}`);
  return s;
};

/** A fixture, a copy changed by `change`, and the plan between them. */
export function edit(name: Parameters<typeof load>[0], change: (m: HostModel) => void) {
  const current = load(name);
  const desired = structuredClone(current);
  change(desired);
  return { current, desired, plan: plan(current, desired) };
}
