import { describe, expect, it } from 'vitest';
import type { HostModel } from '../model/schema';
import { parseCollection } from '../parse-host';
import { fixture } from '../parsers/fixtures.test-helper';
import { deriveRelations, hostAddresses, patchPairs, vethPairs, vlanMembership } from './index';

const load = (file: string, host: string): HostModel =>
  parseCollection(fixture(file), { host, collectedAt: 't' });
const aio = load('openstack-aio.collect.txt', 'aio');
const compute = load('compute.collect.txt', 'compute');
const known = [
  { name: 'aio', addresses: hostAddresses(aio) },
  { name: 'compute', addresses: hostAddresses(compute).map((a) => `${a}/24`) },
];
const QROUTER = 'qrouter-5f1c7b2e-8a41-4d3b-9c2a-0e6f1d2b3c4d';

describe('patch pairs', () => {
  it('pairs int-br-ex/phy-br-ex and patch-int/patch-tun once each, and flags the dangling peer', () => {
    const pairs = patchPairs(aio);
    expect(
      pairs
        .filter((p) => p.status === 'ok')
        .map((p) => p.id)
        .sort(),
    ).toEqual(['patch:iface:int-br-ex|iface:phy-br-ex', 'patch:iface:patch-int|iface:patch-tun']);
    expect(pairs.filter((p) => p.status === 'dangling')).toEqual([
      {
        id: 'patch:iface:patch-dangling|',
        a: 'iface:patch-dangling',
        b: null,
        status: 'dangling',
        reason: "No usable peer 'patch-nowhere' exists in 'netdev' datapath.",
      },
    ]);
  });

  it('flags a peer that points elsewhere', () => {
    const broken = structuredClone(aio);
    const phy = broken.ovs?.interfaces.find((i) => i.name === 'phy-br-ex');
    if (phy) phy.options.peer = 'someone-else';
    const pair = patchPairs(broken).find((p) => p.a === 'iface:int-br-ex' || p.b === 'iface:int-br-ex');
    expect(pair).toMatchObject({ status: 'dangling', reason: 'peer phy-br-ex points to someone-else' });
  });
});

describe('veth pairs', () => {
  it('resolves the VM veth whose peer sits in the root (unnamed nsid) and same-namespace veths', () => {
    const pairs = vethPairs(aio);
    expect(pairs).toContainEqual({
      id: 'veth:link:/tapvm1-aa|link:vm1/eth0',
      a: 'link:/tapvm1-aa',
      b: 'link:vm1/eth0',
      crossNamespace: true,
    });
    expect(pairs).toContainEqual({
      id: 'veth:link:/eth1|link:/uplink0',
      a: 'link:/eth1',
      b: 'link:/uplink0',
      crossNamespace: false,
    });
    expect(pairs.every((p) => p.b !== null)).toBe(true);
    expect(new Set(pairs.map((p) => p.id)).size).toBe(pairs.length);
  });

  it('lists an end found from its peer only once, paired (its own nsid names nothing)', () => {
    const kvm = load('lab-kvm.collect.txt', 'kvm');
    const pairs = vethPairs(kvm);
    const wan = pairs.filter((p) => p.a === 'link:vm-router/wan0' || p.b === 'link:vm-router/wan0');
    expect(wan).toEqual([
      {
        id: 'veth:link:switch/wan0-peer|link:vm-router/wan0',
        a: 'link:switch/wan0-peer',
        b: 'link:vm-router/wan0',
        crossNamespace: true,
      },
    ]);
  });

  it('reports a veth whose peer is gone', () => {
    const broken = structuredClone(aio);
    const vm1 = broken.namespaces.find((n) => n.name === 'vm1');
    if (vm1) vm1.links = vm1.links.filter((l) => l.name !== 'eth0');
    expect(vethPairs(broken)).toContainEqual({
      id: 'veth:link:/tapvm1-aa|',
      a: 'link:/tapvm1-aa',
      b: null,
      crossNamespace: true,
    });
  });
});

describe('port backings', () => {
  const backings = deriveRelations(aio).portBackings;
  const of = (name: string) => backings.find((b) => b.iface === `iface:${name}`);

  it('finds internal ports moved into qrouter/qdhcp namespaces by name', () => {
    expect(of('qr-0a1b2c3d-4e')).toMatchObject({
      link: `link:${QROUTER}/qr-0a1b2c3d-4e`,
      ns: QROUTER,
      matchedBy: 'name',
    });
    expect(of('tap7a9e2c11-3b')?.ns).toMatch(/^qdhcp-/);
  });

  it('confirms root-namespace ports by mac_in_use and skips patch and tunnel ports', () => {
    expect(of('tapvm1-aa')).toMatchObject({ link: 'link:/tapvm1-aa', matchedBy: 'name+mac' });
    expect(of('br-int')).toMatchObject({ link: 'link:/br-int', matchedBy: 'name+mac' });
    expect(of('int-br-ex')).toBeUndefined();
    expect(of('vxlan-c6120002')).toBeUndefined();
  });

  it('refuses to guess between namesakes without a MAC', () => {
    const twin = structuredClone(aio);
    const vm1 = twin.namespaces.find((n) => n.name === 'vm1');
    const qr = twin.namespaces
      .find((n) => n.name === QROUTER)
      ?.links.find((l) => l.name === 'qr-0a1b2c3d-4e');
    if (vm1 && qr) vm1.links.push({ ...qr, id: 'link:vm1/qr-0a1b2c3d-4e' });
    expect(deriveRelations(twin).portBackings.find((b) => b.iface === 'iface:qr-0a1b2c3d-4e')).toMatchObject({
      link: null,
      matchedBy: 'ambiguous',
    });
  });
});

describe('tunnels', () => {
  it('names the known host that owns each remote_ip, in both directions', () => {
    expect(deriveRelations(aio, known).tunnels).toEqual([
      {
        id: 'tunnel:iface:vxlan-c6120002',
        iface: 'iface:vxlan-c6120002',
        type: 'vxlan',
        remoteIp: '198.18.0.2',
        localIp: '198.18.0.1',
        remoteHost: 'compute',
      },
    ]);
    const byType = new Map(deriveRelations(compute, known).tunnels.map((t) => [t.type, t]));
    expect(byType.get('vxlan')?.remoteHost).toBe('aio');
    expect(byType.get('gre')).toMatchObject({ remoteIp: '198.18.0.3', remoteHost: null });
    expect(byType.get('geneve')).toMatchObject({ remoteIp: '198.18.0.4', localIp: null });
  });
});

describe('VLAN membership', () => {
  it('lists access tags per VLAN, bond trunks, and trunk-all ports', () => {
    const [brEx, brInt] = ['br-ex', 'br-int'].map((b) => vlanMembership(aio).find((v) => v.bridge === b));
    expect(brInt?.vlans).toEqual([
      {
        vlan: 1,
        members: [
          { port: 'port:br-int/qr-0a1b2c3d-4e', mode: 'access' },
          { port: 'port:br-int/tap7a9e2c11-3b', mode: 'access' },
          { port: 'port:br-int/tapvm1-aa', mode: 'access' },
        ],
      },
      { vlan: 2, members: [{ port: 'port:br-int/qg-5e6f7a8b-9c', mode: 'access' }] },
    ]);
    expect(brInt?.trunkAll).toContain('port:br-int/int-br-ex');
    expect(brEx?.vlans.map((v) => v.vlan)).toEqual([2, 3]);
    expect(brEx?.trunkAll).toContain('port:br-ex/phy-br-ex');
  });

  it('treats native-untagged ports as native on the tag and trunk on the rest', () => {
    const m = structuredClone(aio);
    const bond = m.ovs?.ports.find((p) => p.name === 'bond0');
    if (bond) Object.assign(bond, { vlanMode: 'native-untagged', tag: 2, trunks: [2, 3] });
    expect(vlanMembership(m).find((v) => v.bridge === 'br-ex')?.vlans).toEqual([
      { vlan: 2, members: [{ port: 'port:br-ex/bond0', mode: 'native' }] },
      { vlan: 3, members: [{ port: 'port:br-ex/bond0', mode: 'trunk' }] },
    ]);
  });
});

describe('deriveRelations', () => {
  it('reads a KVM host: bond trunks, a native-untagged VLAN, and a tunnel to a host nobody knows', () => {
    const kvm = load('lab-kvm.collect.txt', 'kvm');
    const r = deriveRelations(kvm, known);
    const vlans = r.vlans.find((b) => b.bridge === 'ovsbr0');
    expect(vlans?.vlans.find((v) => v.vlan === 20)?.members).toEqual([
      { port: 'port:ovsbr0/bond0', mode: 'trunk' },
      { port: 'port:ovsbr0/vnet1', mode: 'native' },
    ]);
    expect(vlans?.trunkAll).toContain('port:ovsbr0/vnet2');
    expect(r.tunnels).toEqual([
      expect.objectContaining({
        iface: 'iface:gnv0',
        type: 'geneve',
        remoteIp: '198.18.1.250',
        remoteHost: null,
      }),
    ]);
  });

  it('is empty but well-formed for a host without OVS', () => {
    const r = deriveRelations(load('no-ovs.collect.txt', 'x'));
    expect(r).toEqual({
      patchPairs: [],
      vethPairs: [],
      portBackings: [],
      tunnels: [],
      vlans: [],
      vlanRewrites: [],
      vmIdentities: [],
    });
  });
});
