import type { Bridge, Flow, HostModel, Interface, Link, Namespace, OvsState, Port } from './schema';

/** A model with every volatile value removed: what "same topology" compares. */
export type TopologyModel = Omit<HostModel, 'collectedAt'>;

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byId = <T extends { id: string }>(a: T, b: T): number => byString(a.id, b.id);

function sortMap<V>(map: Record<string, V>): Record<string, V> {
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => byString(a, b)));
}

/** Flows in the order OVS evaluates them: table, then highest priority first, then id. */
function byFlowOrder(a: Flow, b: Flow): number {
  return a.table - b.table || b.priority - a.priority || byId(a, b);
}

function canonicalBridge(bridge: Bridge): Bridge {
  return {
    ...bridge,
    externalIds: sortMap(bridge.externalIds),
    otherConfig: sortMap(bridge.otherConfig),
    protocols: [...bridge.protocols].sort(byString),
    controllers: [...bridge.controllers].sort((a, b) => byString(a.target, b.target)),
    ports: [...bridge.ports].sort(byString),
    flows: bridge.flows && [...bridge.flows].sort(byFlowOrder),
  };
}

function canonicalPort(port: Port): Port {
  return {
    ...port,
    trunks: [...port.trunks].sort((a, b) => a - b),
    externalIds: sortMap(port.externalIds),
    otherConfig: sortMap(port.otherConfig),
    interfaces: [...port.interfaces].sort(byString),
  };
}

function canonicalInterface(iface: Interface): Interface {
  return {
    ...iface,
    options: sortMap(iface.options),
    externalIds: sortMap(iface.externalIds),
    status: sortMap(iface.status),
    ...(iface.statistics ? { statistics: sortMap(iface.statistics) } : {}),
  };
}

function canonicalOvs(ovs: OvsState): OvsState {
  return {
    system: {
      ...ovs.system,
      externalIds: sortMap(ovs.system.externalIds),
      otherConfig: sortMap(ovs.system.otherConfig),
    },
    bridges: ovs.bridges.map(canonicalBridge).sort(byId),
    ports: ovs.ports.map(canonicalPort).sort(byId),
    interfaces: ovs.interfaces.map(canonicalInterface).sort(byId),
  };
}

function canonicalLink(link: Link): Link {
  return { ...link, flags: [...link.flags].sort(byString), addresses: [...link.addresses].sort(byId) };
}

function canonicalNamespace(ns: Namespace): Namespace {
  return {
    ...ns,
    peers: [...ns.peers].sort((a, b) => a.nsid - b.nsid),
    links: ns.links.map(canonicalLink).sort(byId),
    routes: [...ns.routes].sort(byId),
    rules: [...ns.rules].sort((a, b) => a.priority - b.priority || byId(a, b)),
  };
}

/** Root namespace first, then by name. */
function byNamespace(a: Namespace, b: Namespace): number {
  return Number(b.isRoot) - Number(a.isRoot) || byString(a.name, b.name);
}

/** Sorts every list and map deterministically so equal topologies serialise identically. */
export function canonicalize<M extends TopologyModel>(model: M): M {
  return {
    ...model,
    ovs: model.ovs && canonicalOvs(model.ovs),
    namespaces: model.namespaces.map(canonicalNamespace).sort(byNamespace),
    ...(model.vms ? { vms: [...model.vms].sort(byId) } : {}),
    errors: [...model.errors].sort(
      (a, b) =>
        byString(a.part, b.part) || byString(a.arg ?? '', b.arg ?? '') || byString(a.message, b.message),
    ),
  };
}

const VOLATILE_FLOW_FIELDS = /\b(?:duration|n_packets|n_bytes|idle_age|hard_age)=[^,\s]*,?\s*/g;

function stripFlow(flow: Flow): Flow {
  const { counters: _c, idleAge: _i, hardAge: _h, ...rest } = flow;
  return { ...rest, raw: flow.raw.replace(VOLATILE_FLOW_FIELDS, '').trim() };
}

function stripInterface(iface: Interface): Interface {
  const { statistics: _s, linkResets: _l, ...rest } = iface;
  return rest;
}

/** Removes counters, durations, ages, connection state and collectedAt. */
export function stripCounters(model: HostModel | TopologyModel): TopologyModel {
  const { collectedAt: _t, ...rest } = model as HostModel;
  const ovs = rest.ovs && {
    ...rest.ovs,
    bridges: rest.ovs.bridges.map((b) => ({
      ...b,
      controllers: b.controllers.map(({ isConnected: _x, ...c }) => c),
      flows: b.flows === null ? null : b.flows.map(stripFlow),
    })),
    interfaces: rest.ovs.interfaces.map(stripInterface),
  };
  return { ...rest, ovs };
}

/** Canonical JSON of the topology (counters excluded): equal strings mean equal topologies. */
export function topologyKey(model: HostModel | TopologyModel): string {
  return JSON.stringify(canonicalize(stripCounters(model)));
}

export function sameTopology(a: HostModel | TopologyModel, b: HostModel | TopologyModel): boolean {
  return topologyKey(a) === topologyKey(b);
}
