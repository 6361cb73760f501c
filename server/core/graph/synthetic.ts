// Not from the model's index: that would load its zod schema (schema.ts) with the graph page.
import { bridgeId, ifaceId, linkId, nsId, portId } from '../model/identity';
import { madeHost } from '../model/made';
import type { Bridge, HostModel, Interface, Link, Namespace, Port } from '../model/schema';

const PORTS_PER_BRIDGE = 250;

const mac = (n: number): string =>
  `fa:16:3e:${((n >> 16) & 255).toString(16).padStart(2, '0')}:${((n >> 8) & 255).toString(16).padStart(2, '0')}:${(n & 255).toString(16).padStart(2, '0')}`;

function link(ns: string, name: string, ifindex: number, extra: Partial<Link> = {}): Link {
  return {
    id: linkId(ns, name),
    ifindex,
    name,
    kind: 'tun',
    flags: ['UP', 'LOWER_UP'],
    operstate: 'UP',
    addresses: [],
    ...extra,
  };
}

/**
 * A synthetic host whose graph has about `nodes` nodes: bridges of up to 250 tenant ports, each
 * tenant port an OVS internal port whose kernel link lives in its own namespace (port + namespace
 * + link = 3 nodes per tenant). Deterministic; used by the bench and by scale tests.
 */
export function syntheticHost(nodes: number, host = `synthetic-${nodes}`): HostModel {
  const tenants = Math.max(1, Math.floor((nodes - 4) / 3.02));
  const bridgesCount = Math.max(1, Math.ceil(tenants / PORTS_PER_BRIDGE));
  const bridges: Bridge[] = [];
  const ports: Port[] = [];
  const interfaces: Interface[] = [];
  const namespaces: Namespace[] = [];
  const rootLinks: Link[] = [link('', 'lo', 1, { kind: 'device', linkType: 'loopback' })];
  let ifindex = 2;
  for (let b = 0; b < bridgesCount; b++) {
    const name = `br-${b}`;
    bridges.push({
      id: bridgeId(name),
      uuid: `00000000-0000-4000-8000-${b.toString().padStart(12, '0')}`,
      name,
      datapathType: 'netdev',
      datapathId: null,
      failMode: 'secure',
      protocols: [],
      stpEnable: false,
      controllers: [],
      externalIds: {},
      otherConfig: {},
      ports: [],
      flows: [],
    });
  }
  for (let t = 0; t < tenants; t++) {
    const bridge = bridges[t % bridgesCount] as Bridge;
    const name = `qr-${t.toString(16).padStart(8, '0')}`;
    const ns = `qrouter-${t}`;
    const pid = portId(bridge.name, name);
    bridge.ports.push(pid);
    ports.push({
      id: pid,
      uuid: `p-${t}`,
      name,
      bridge: bridge.name,
      tag: (t % 100) + 1,
      trunks: [],
      vlanMode: null,
      bondMode: null,
      lacp: null,
      externalIds: {},
      otherConfig: {},
      interfaces: [ifaceId(name)],
    });
    interfaces.push({
      id: ifaceId(name),
      uuid: `i-${t}`,
      name,
      port: pid,
      bridge: bridge.name,
      type: 'internal',
      options: {},
      ofport: t + 1,
      ofportRequest: null,
      error: null,
      macInUse: mac(t),
      mac: null,
      mtu: 1500,
      mtuRequest: null,
      adminState: 'up',
      linkState: 'up',
      linkSpeed: null,
      ifindex: ifindex,
      externalIds: {},
      status: {},
    });
    const a = 10 + Math.floor(t / 250);
    const addr = `10.${a % 256}.${t % 250}.1`;
    namespaces.push({
      id: nsId(ns),
      name: ns,
      isRoot: false,
      netnsid: t,
      peers: [],
      links: [
        link(ns, name, ifindex++, {
          mac: mac(t),
          addresses: [{ id: `addr:${ns}/${name}/${addr}/24`, family: 'inet', local: addr, prefixlen: 24 }],
        }),
      ],
      routes: [],
      rules: [],
    });
  }
  const root: Namespace = {
    id: nsId(''),
    name: '',
    isRoot: true,
    netnsid: null,
    peers: [],
    links: rootLinks,
    routes: [],
    rules: [],
  };
  return madeHost(host, '2024-01-01T00:00:00.000Z', { bridges, ports, interfaces }, [root, ...namespaces]);
}
