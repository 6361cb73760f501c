import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { labModel } from '../changes/apply-edits.test-helper';
import { HostModel } from '../model';
import { parseCollection } from '../parse-host';
import { deriveRelations } from '../relations';
import { applyCollapse, defaultCollapsed } from './collapse';
import { diffElements, goneAnchors } from './diff';
import { toElements } from './from-models';
import { gridPositions } from './grid-layout';
import { elementId, hostElementId } from './ids';
import { buildSearchIndex, searchIndex } from './search';
import { syntheticHost } from './synthetic';
import { type GraphEdge, type GraphElement, type GraphNode, isEdge, isNode } from './types';
import { vlanMembers } from './vlan';

const fixture = (name: string, host: string): HostModel =>
  parseCollection(
    readFileSync(fileURLToPath(new URL(`../parsers/fixtures/${name}.collect.txt`, import.meta.url)), 'utf8'),
    { host, collectedAt: '2024-01-01T00:00:00.000Z' },
  );

const aio = fixture('openstack-aio', 'aio');
const compute = fixture('compute', 'compute');

const nodes = (els: GraphElement[]): GraphNode[] => els.filter(isNode);
const edges = (els: GraphElement[]): GraphEdge[] => els.filter(isEdge);

/** Every model object with an identity of its own. */
function modelIds(m: HostModel): string[] {
  return [
    ...(m.ovs?.bridges ?? []).map((b) => b.id),
    ...(m.ovs?.ports ?? []).map((p) => p.id),
    ...(m.ovs?.interfaces ?? []).map((i) => i.id),
    ...m.namespaces.map((n) => n.id),
    ...m.namespaces.flatMap((n) => n.links.map((l) => l.id)),
  ];
}

describe.each([
  ['openstack-aio', aio],
  ['compute', compute],
])('toElements on the %s fixture', (_name, model) => {
  const els = toElements([model]);
  const rel = deriveRelations(model);

  it('draws every bridge, port, interface, namespace and link exactly once', () => {
    const count = new Map<string, number>();
    for (const n of nodes(els)) for (const r of n.data.represents) count.set(r, (count.get(r) ?? 0) + 1);
    for (const id of modelIds(model)) expect([id, count.get(id)]).toEqual([id, 1]);
  });

  it('has unique element ids and edges between existing nodes', () => {
    const ids = els.map((e) => e.data.id);
    expect(new Set(ids).size).toBe(ids.length);
    const nodeIds = new Set(nodes(els).map((n) => n.data.id));
    for (const e of edges(els)) {
      expect(nodeIds.has(e.data.source)).toBe(true);
      expect(nodeIds.has(e.data.target)).toBe(true);
    }
    for (const n of nodes(els)) if (n.data.parent) expect(nodeIds.has(n.data.parent)).toBe(true);
  });

  it('draws an edge for every patch pair and every veth pair', () => {
    const ok = rel.patchPairs.filter((p) => p.status === 'ok');
    expect(edges(els).filter((e) => e.data.kind === 'patch')).toHaveLength(ok.length);
    const veths = rel.vethPairs.filter((v) => v.b !== null);
    expect(edges(els).filter((e) => e.data.kind === 'veth')).toHaveLength(veths.length);
  });

  it('flags interface errors and dangling patch peers', () => {
    for (const iface of model.ovs?.interfaces ?? []) {
      if (!iface.error) continue;
      const owner = nodes(els).find((n) => n.data.represents.includes(iface.id));
      expect(owner?.data.error).toContain(iface.error);
    }
    for (const p of rel.patchPairs.filter((x) => x.status === 'dangling')) {
      const owner = nodes(els).find((n) => n.data.represents.includes(p.a));
      expect(owner?.data.error).toBeTruthy();
      expect(edges(els).some((e) => e.data.kind === 'dangling' && e.data.source === owner?.data.id)).toBe(
        true,
      );
    }
  });
});

describe('openstack-aio graph', () => {
  const els = toElements([aio]);

  it('has the int-br-ex ↔ phy-br-ex patch edge and a ghost for the missing peer', () => {
    const a = elementId('aio', 'port:br-int/int-br-ex');
    const b = elementId('aio', 'port:br-ex/phy-br-ex');
    expect(
      edges(els).some(
        (e) =>
          e.data.kind === 'patch' && [e.data.source, e.data.target].sort().join() === [a, b].sort().join(),
      ),
    ).toBe(true);
    expect(nodes(els).some((n) => n.data.kind === 'ghost' && n.data.label.startsWith('patch-nowhere'))).toBe(
      true,
    );
  });

  it('puts the qr-/qg- legs inside the qrouter namespace, joined to their OVS ports', () => {
    const qrouter = nodes(els).find(
      (n) => n.data.kind === 'namespace' && n.data.label.startsWith('qrouter-'),
    );
    expect(qrouter).toBeDefined();
    const legs = nodes(els)
      .filter((n) => n.data.parent === qrouter?.data.id)
      .map((n) => n.data.label);
    expect(legs.some((l) => l.startsWith('qr-'))).toBe(true);
    expect(legs.some((l) => l.startsWith('qg-'))).toBe(true);
    const qr = nodes(els).find((n) => n.data.parent === qrouter?.data.id && n.data.label.startsWith('qr-'));
    expect(edges(els).some((e) => e.data.kind === 'backs' && e.data.target === qr?.data.id)).toBe(true);
    expect(qr?.data.vlans).toEqual([1]);
  });

  it('VLAN 1 keeps its members lit and dims the VLAN 2 port', () => {
    const lit = vlanMembers(els, 1);
    expect(lit.has(elementId('aio', 'port:br-int/qr-0a1b2c3d-4e'))).toBe(true);
    expect(lit.has(elementId('aio', 'br:br-int'))).toBe(true);
    expect(lit.has(elementId('aio', 'port:br-int/qg-5e6f7a8b-9c'))).toBe(false);
  });

  it('search finds an IP, a MAC, a name and a VLAN', () => {
    const index = buildSearchIndex([aio], els);
    expect(searchIndex(index, '192.0.2.1')[0]?.label).toBe('qr-0a1b2c3d-4e');
    expect(searchIndex(index, 'fa:16:3e:11:22:33')[0]?.label).toBe('qr-0a1b2c3d-4e');
    expect(searchIndex(index, 'br-ex')[0]?.elementId).toBe(elementId('aio', 'br:br-ex'));
    expect(searchIndex(index, 'vlan 2').map((h) => h.label)).toContain('qg-5e6f7a8b-9c');
  });

  it('search: a VLAN is matched exactly, rewrites count, and each hit says where it is', () => {
    const index = buildSearchIndex([aio], toElements([aio]));
    const vlan1 = searchIndex(index, 'vlan 1', 500);
    expect(vlan1.length).toBeGreaterThan(0);
    expect(vlan1.every((h) => h.field === 'vlan' && h.text === 'vlan 1')).toBe(true);
    // A port whose traffic a flow rewrites (int-br-ex: untagged → VLAN 1) is found by that VLAN.
    const rewritten = toElements([aio]).find(
      (e) => e.group === 'nodes' && (e.data as { rewrite?: string }).rewrite?.includes('VLAN 1'),
    );
    expect(rewritten).toBeDefined();
    expect(vlan1.map((h) => h.elementId)).toContain(rewritten?.data.id);
    // The same name on two hosts is two places: each hit names its host and container.
    const twin = { ...aio, host: 'aio-twin' };
    const both = buildSearchIndex([aio, twin], toElements([aio, twin]));
    const hits = searchIndex(both, 'br-ex', 50).filter((h) => h.elementId.endsWith('|br:br-ex'));
    expect(hits.map((h) => h.where).sort()).toEqual(['aio', 'aio-twin']);
    const eth1 = searchIndex(both, 'eth1', 50).filter((h) => h.text === 'eth1');
    expect(eth1.length).toBeGreaterThanOrEqual(2);
    expect(new Set(eth1.map((h) => h.where)).size).toBe(eth1.length);
  });

  it('collapsing a bridge hides its ports and reroutes their edges to it', () => {
    const brInt = elementId('aio', 'br:br-int');
    const shown = applyCollapse(els, new Set([brInt]));
    expect(nodes(shown).some((n) => n.data.parent === brInt)).toBe(false);
    const collapsed = nodes(shown).find((n) => n.data.id === brInt);
    expect(collapsed?.data.collapsed).toBe(true);
    expect(collapsed?.data.label).toMatch(/\d+ ports/);
    expect(
      edges(shown).some((e) => e.data.kind === 'patch' && [e.data.source, e.data.target].includes(brInt)),
    ).toBe(true);
  });

  it('highlights nothing when only counters moved, and reports real changes by id', () => {
    const second = fixture('openstack-aio.second-read', 'aio');
    expect(diffElements(els, toElements([second]))).toEqual({ appeared: [], changed: [], disappeared: [] });
    const edited: HostModel = structuredClone(aio);
    const qr = edited.ovs?.ports.find((p) => p.name === 'qr-0a1b2c3d-4e');
    if (qr) qr.tag = 3;
    edited.namespaces = edited.namespaces.filter((n) => n.name !== 'vm1');
    const d = diffElements(els, toElements([edited]));
    expect(d.changed).toContain(elementId('aio', 'port:br-int/qr-0a1b2c3d-4e'));
    expect(d.disappeared).toContain(elementId('aio', 'ns:vm1'));
  });

  it('anchors what disappeared on the nearest container or edge end still there', () => {
    const edited: HostModel = structuredClone(aio);
    const ovs = edited.ovs;
    if (!ovs) throw new Error('fixture without OVS');
    // The port's interface is gone too, as after `ovs-vsctl del-port`.
    const gone = ovs.ports.find((p) => p.name === 'tapvm1-aa');
    ovs.ports = ovs.ports.filter((p) => p !== gone);
    ovs.interfaces = ovs.interfaces.filter((i) => !gone?.interfaces.includes(i.id));
    for (const b of ovs.bridges) b.ports = b.ports.filter((id) => id !== gone?.id);
    const next = toElements([edited]);
    const d = diffElements(els, next);
    expect(d.disappeared).toContain(elementId('aio', 'port:br-int/tapvm1-aa'));
    const anchors = goneAnchors(els, next, d.disappeared);
    expect(anchors).toContain(elementId('aio', 'br:br-int'));
    // Its veth edge went with it: the far end (in the VM namespace) is marked as well.
    expect(anchors.some((a) => a.includes('vm1/eth0'))).toBe(true);
    expect(anchors.every((a) => next.some((el) => el.data.id === a))).toBe(true);
  });
});

describe('VLAN rewrites on ports', () => {
  const port = (els: GraphElement[], modelId: string) =>
    nodes(els).find((n) => n.data.id === elementId('aio', modelId));

  it("labels the port traffic enters through with what the bridge's flows do to its VLAN", () => {
    const els = toElements([aio]);
    const phy = port(els, 'port:br-ex/phy-br-ex');
    // br-ex strips VLAN 2 from br-int and drops the rest: VLAN 1 from br-int's access ports.
    expect(phy?.data.rewrite).toBe('VLAN 2 → untagged\nVLAN 1 → dropped');
    expect(phy?.data.label.split('\n')).toContain('VLAN 2 → untagged');
    // br-int tags untagged traffic from br-ex and drops the tagged: VLANs 2 and 3 of br-ex's bond.
    expect(port(els, 'port:br-int/int-br-ex')?.data.rewrite).toBe('untagged → VLAN 1\nVLAN 2,3 → dropped');
    expect(port(els, 'port:br-ex/eth1')?.data.rewrite).toBeUndefined();
  });

  it('finds the port from an OpenFlow port number as well as from its name', () => {
    const ofport = aio.ovs?.interfaces.find((i) => i.name === 'phy-br-ex')?.ofport;
    expect(ofport).toBeGreaterThan(0);
    const numbered: HostModel = structuredClone(aio);
    for (const b of numbered.ovs?.bridges ?? [])
      for (const f of b.flows ?? []) if (f.inPort === 'phy-br-ex') f.inPort = String(ofport);
    expect(port(toElements([numbered]), 'port:br-ex/phy-br-ex')?.data.rewrite?.split('\n')[0]).toBe(
      'VLAN 2 → untagged',
    );
  });
});

describe('VLAN filter after flows (lab openstack-aio: br-ex strips VLAN 1 from br-int, drops the rest)', () => {
  const lab = labModel('aio');
  const els = toElements([lab]);
  const id = (modelId: string) => elementId('aio', modelId);
  const qg = id('link:qrouter-8c1f6a0e-3d2b-4e5f-9a7c-1b2d3e4f5a6b/qg-a1b2c3d4-e5');

  it('VLAN 2 dims br-ex: its physical port, the patch end the flows drop it on, the qg- legs', () => {
    const lit = vlanMembers(els, 2);
    expect(lit.has(id('port:br-int/qvo9e8d7c6b-5a'))).toBe(true);
    expect(lit.has(id('port:br-int/int-br-ex'))).toBe(true);
    for (const dim of [
      id('port:br-ex/eth1'),
      id('port:br-ex/phy-br-ex'),
      id('port:br-ex/qg-a1b2c3d4-e5'),
      id('link:outside/eth1-outside'),
      id('br:br-ex'),
      qg,
    ])
      expect([dim, lit.has(dim)]).toEqual([dim, false]);
    expect(edges(els).some((e) => e.data.kind === 'patch' && lit.has(e.data.id))).toBe(false);
  });

  it('VLAN 1 keeps the way out lit, down to the namespace ends of the physical and qg- ports', () => {
    const lit = vlanMembers(els, 1);
    for (const on of [
      id('port:br-int/int-br-ex'),
      id('port:br-ex/phy-br-ex'),
      id('port:br-ex/eth1'),
      id('link:outside/eth1-outside'),
      id('port:br-ex/qg-a1b2c3d4-e5'),
      qg,
      id('ns:qrouter-8c1f6a0e-3d2b-4e5f-9a7c-1b2d3e4f5a6b'),
    ])
      expect([on, lit.has(on)]).toEqual([on, true]);
    expect(lit.has(id('port:br-int/qvo9e8d7c6b-5a'))).toBe(false);
    const qgEdge = edges(els).find((e) => e.data.kind === 'backs' && e.data.target === qg);
    expect(qgEdge && lit.has(qgEdge.data.id)).toBe(true);
  });

  it('labels the drop beside the rewrite on the port traffic enters through', () => {
    const phy = nodes(els).find((n) => n.data.id === id('port:br-ex/phy-br-ex'));
    expect(phy?.data.rewrite).toBe('VLAN 1 → untagged\nVLAN 2 → dropped');
    expect(phy?.data.label.split('\n')).toEqual(['phy-br-ex', 'VLAN 1 → untagged', 'VLAN 2 → dropped']);
  });

  it('a collapsed bridge carries what its ports carry', () => {
    const shown = applyCollapse(els, new Set([id('br:br-ex')]));
    expect(vlanMembers(shown, 1).has(id('br:br-ex'))).toBe(true);
    expect(vlanMembers(shown, 2).has(id('br:br-ex'))).toBe(false);
  });
});

describe('a KVM host (lab kvm capture: bond, trunks, native VLAN, libvirt taps)', () => {
  const kvm = parseCollection(
    readFileSync(fileURLToPath(new URL('../parsers/fixtures/lab-kvm.collect.txt', import.meta.url)), 'utf8'),
    { host: 'kvm', collectedAt: '2024-01-01T00:00:00.000Z' },
  );
  const els = toElements([kvm]);
  const node = (modelId: string) => nodes(els).find((n) => n.data.id === elementId('kvm', modelId));

  it('draws the bond as a container of its member interfaces, labelled with its trunks', () => {
    expect(node('port:ovsbr0/bond0')?.data.label).toBe('bond0\ntrunk 10,20,30');
    for (const m of ['uplink0', 'uplink1'])
      expect(node(`iface:${m}`)?.data.parent).toBe(elementId('kvm', 'port:ovsbr0/bond0'));
  });

  it('shows access, native+trunk and rewriting ports as the operator would say them', () => {
    // This capture has no virsh: the VM is named by the start of its external_ids vm-uuid.
    expect(node('port:ovsbr0/vnet0')?.data.label).toBe('vnet0\nvm 9f8e7d6c…\nvlan 10');
    expect(node('port:ovsbr0/vnet1')?.data.label).toBe('vnet1\nvm 0a1b2c3d…\nvlan 20 + trunk 30');
    expect(node('port:ovsbr0/vnet2')?.data.label).toBe('vnet2\nvm 1b2c3d4e…\nuntagged → VLAN 30');
    expect(node('port:ovsbr0/vnet2')?.data.lines).toBe(3);
  });

  it('puts the address and the default route on the link that holds them', () => {
    // mgmt0 is an internal port: its kernel link (and address) fold into the port's node.
    expect(node('port:ovsbr0/mgmt0')?.data.label).toBe('mgmt0\n203.0.113.5/24\nvlan 30');
    const wan = nodes(els).find((n) => n.data.kind === 'link' && n.data.label.startsWith('wan0\n'));
    expect(wan?.data.label).toBe('wan0\n198.51.100.129/25\ndefault via 198.51.100.130');
  });

  it('joins every VM tap and bond member to its namespace by a veth edge', () => {
    const veth = edges(els).filter((e) => e.data.kind === 'veth');
    const touches = (id: string) => veth.some((e) => e.data.source === id || e.data.target === id);
    for (const p of ['vnet0', 'vnet1', 'vnet2'])
      expect(touches(elementId('kvm', `port:ovsbr0/${p}`)), p).toBe(true);
    for (const m of ['uplink0', 'uplink1']) expect(touches(elementId('kvm', `iface:${m}`)), m).toBe(true);
  });
});

describe('multi-host view', () => {
  it('draws the vxlan tunnel between openstack-aio and compute as one edge', () => {
    const els = toElements([aio, compute]);
    // Between the two hosts; compute's tunnels to addresses neither owns end on ghosts
    // (tunnel-ghosts.test.ts).
    const tunnels = edges(els).filter((e) => e.data.kind === 'tunnel' && e.classes === undefined);
    expect(tunnels).toHaveLength(1);
    const ends = tunnels.map((t) => [t.data.source, t.data.target].map((id) => id.split('|')[0]).sort())[0];
    expect(ends).toEqual(['aio', 'compute']);
    expect(
      nodes(els)
        .filter((n) => n.data.kind === 'host')
        .map((n) => n.data.id),
    ).toEqual([hostElementId('aio'), hostElementId('compute')]);
  });
});

describe('synthetic topologies', () => {
  it.each([500, 2000, 5000])('builds a valid host of about %i nodes, laid out on the grid', (n) => {
    const model = HostModel.parse(syntheticHost(n));
    const els = toElements([model]);
    const count = nodes(els).length;
    expect(count).toBeGreaterThan(n * 0.95);
    expect(count).toBeLessThan(n * 1.05);
    const pos = gridPositions(els);
    const parents = new Set(nodes(els).map((x) => x.data.parent));
    for (const x of nodes(els)) if (!parents.has(x.data.id)) expect(pos[x.data.id]).toBeDefined();
    // More than COLLAPSE_PORT_THRESHOLD ports: the host opens collapsed.
    expect(defaultCollapsed(els).size > 0).toBe(n >= 2000);
  });
});
