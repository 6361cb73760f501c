import { describe, expect, it } from 'vitest';
import { HostModel } from '../model/schema';
import { accepted, labModel, refused, refusedWith } from './apply-edits.test-helper';
import { modelObjects } from './objects';

const aio = () => labModel('aio');
const kvm = () => labModel('kvm');
const QROUTER = 'qrouter-8c1f6a0e-3d2b-4e5f-9a7c-1b2d3e4f5a6b';
const QDHCP = 'qdhcp-2a9b8c7d-6e5f-4a3b-8c1d-0e9f8a7b6c5d';

const object = (model: HostModel, id: string) => modelObjects(model).find((o) => o.id === id);

describe('add-bridge', () => {
  it('adds the bridge, its own port, interface and kernel link, and the NORMAL flow OVS installs', () => {
    const { desired, summary } = accepted(aio(), [
      { op: 'add-bridge', name: 'br-new', externalIds: { owner: 'ops' } },
    ]);
    expect(summary).toEqual({
      added: ['br:br-new', 'flow:br-new/0/0/', 'iface:br-new', 'link:/br-new', 'port:br-new/br-new'],
      removed: [],
      changed: {},
    });
    expect(HostModel.safeParse(desired).success).toBe(true);
    // Every bridge of the userspace lab is netdev: the new one is too.
    expect(object(desired, 'br:br-new')?.fields).toEqual({
      name: 'br-new',
      failMode: null,
      datapathType: 'netdev',
      protocols: [],
      externalIds: { owner: 'ops' },
    });
    expect(object(desired, 'iface:br-new')?.fields).toMatchObject({ type: 'internal', options: {} });
    expect(object(desired, 'port:br-new/br-new')?.fields).toMatchObject({
      interfaces: ['br-new'],
      tag: null,
    });
    expect(object(desired, 'link:/br-new')?.fields).toMatchObject({
      name: 'br-new',
      kind: 'tun',
      up: false,
      master: null,
    });
    // As the collector reads a fresh userspace bridge device: a down tap of MTU 1500, MAC unknown yet.
    expect(desired.namespaces[0]?.links.find((l) => l.name === 'br-new')).toMatchObject({
      kind: 'tun',
      tunType: 'tap',
      mtu: 1500,
      flags: ['BROADCAST', 'MULTICAST', 'PROMISC'],
    });
    const bridge = desired.ovs?.bridges.find((b) => b.name === 'br-new');
    expect(bridge?.uuid).toBe('');
    expect(bridge?.flows?.[0]?.raw).toBe('cookie=0x0, table=0, priority=0 actions=NORMAL');
  });

  it('in secure fail mode has no flows; protocols are a set', () => {
    const { desired, summary } = accepted(aio(), [
      {
        op: 'add-bridge',
        name: 'br-s',
        failMode: 'secure',
        protocols: ['OpenFlow13', 'OpenFlow10', 'OpenFlow13'],
      },
    ]);
    expect(summary.added).toEqual(['br:br-s', 'iface:br-s', 'link:/br-s', 'port:br-s/br-s']);
    expect(object(desired, 'br:br-s')?.fields).toMatchObject({
      failMode: 'secure',
      protocols: ['OpenFlow10', 'OpenFlow13'],
    });
  });

  it('defaults to the system datapath when bridges disagree, and makes ovs-system', () => {
    const model = aio();
    const brEx = model.ovs?.bridges.find((b) => b.name === 'br-ex');
    if (brEx) brEx.datapathType = 'system';
    const { desired, summary } = accepted(model, [{ op: 'add-bridge', name: 'br-k' }]);
    expect(summary.added).toEqual([
      'br:br-k',
      'flow:br-k/0/0/',
      'iface:br-k',
      'link:/br-k',
      'link:/ovs-system',
      'port:br-k/br-k',
    ]);
    expect(object(desired, 'br:br-k')?.fields.datapathType).toBe('system');
    expect(object(desired, 'link:/br-k')?.fields.kind).toBe('openvswitch');
  });

  it('takes an explicit datapath type', () => {
    const { desired } = accepted(aio(), [{ op: 'add-bridge', name: 'br-k', datapathType: 'system' }]);
    expect(object(desired, 'br:br-k')?.fields.datapathType).toBe('system');
  });

  it('refuses a name taken by a bridge, a port, an interface or a root kernel link', () => {
    expect(refusedWith(aio(), [{ op: 'add-bridge', name: 'br-int' }], 0, 'name').message).toMatch(
      /already a bridge/,
    );
    expect(refusedWith(aio(), [{ op: 'add-bridge', name: 'eth1' }], 0, 'name').message).toMatch(
      /already a port/,
    );
    expect(refusedWith(kvm(), [{ op: 'add-bridge', name: 'uplink0' }], 0, 'name').message).toMatch(
      /already an interface/,
    );
    expect(refusedWith(aio(), [{ op: 'add-bridge', name: 'eth0' }], 0, 'name').message).toMatch(
      /already a link in the root namespace/,
    );
    expect(refusedWith(aio(), [{ op: 'add-bridge', name: 'ovs-system' }], 0, 'name').message).toMatch(
      /datapath/,
    );
  });

  it('refuses OVS edits on a host whose OVS was not read', () => {
    const model = aio();
    model.ovs = null;
    expect(refusedWith(model, [{ op: 'add-bridge', name: 'br-new' }], 0, 'name').message).toMatch(
      /Open vSwitch was not read/,
    );
  });
});

describe('delete-bridge', () => {
  it('removes the bridge with its ports, interfaces, flows and the kernel links of its internal ports', () => {
    const { summary } = accepted(aio(), [{ op: 'delete-bridge', name: 'br-int' }]);
    expect(summary).toEqual({
      added: [],
      removed: [
        `addr:${QDHCP}/tap7d2e9b1a-0c/192.0.2.2/24`,
        `addr:${QROUTER}/qr-5f3a1c2e-4b/192.0.2.1/24`,
        'br:br-int',
        'flow:br-int/0/0/',
        'flow:br-int/0/2/in_port=int-br-ex',
        'flow:br-int/0/3/in_port=int-br-ex,vlan_tci=0x0000/0x1fff',
        'iface:br-int',
        'iface:int-br-ex',
        'iface:qr-5f3a1c2e-4b',
        'iface:qvo3c4d5e6f-7a',
        'iface:qvo9e8d7c6b-5a',
        'iface:tap7d2e9b1a-0c',
        'link:/br-int',
        `link:${QDHCP}/tap7d2e9b1a-0c`,
        `link:${QROUTER}/qr-5f3a1c2e-4b`,
        'port:br-int/br-int',
        'port:br-int/int-br-ex',
        'port:br-int/qr-5f3a1c2e-4b',
        'port:br-int/qvo3c4d5e6f-7a',
        'port:br-int/qvo9e8d7c6b-5a',
        'port:br-int/tap7d2e9b1a-0c',
      ],
      changed: {},
    });
  });

  it('removes the datapath link with the last bridge of its type', () => {
    const { summary } = accepted(kvm(), [{ op: 'delete-bridge', name: 'ovsbr0' }]);
    expect(summary.removed).toContain('link:/ovs-netdev');
    expect(summary.removed).toContain('link:/mgmt0');
    // System ports' devices stay: OVS only let go of them.
    expect(summary.removed).not.toContain('link:/vnet0');
  });

  it('refuses a bridge that does not exist, listing those that do', () => {
    const e = refusedWith(aio(), [{ op: 'delete-bridge', name: 'br-x' }], 0, 'name');
    expect(e.message).toBe(
      'bridge br-x does not exist (bridges: br-ex, br-int); add it with add-bridge first',
    );
  });

  it('refuses deleting it twice', () => {
    refusedWith(
      aio(),
      [
        { op: 'delete-bridge', name: 'br-ex' },
        { op: 'delete-bridge', name: 'br-ex' },
      ],
      1,
      'name',
    );
  });
});

describe('add-port', () => {
  it('internal: adds port, interface and a down root link of that name', () => {
    const { desired, summary } = accepted(aio(), [
      {
        op: 'add-port',
        bridge: 'br-int',
        name: 'p5',
        type: 'internal',
        tag: 5,
        externalIds: { 'iface-id': 'x-1' },
      },
    ]);
    expect(summary).toEqual({ added: ['iface:p5', 'link:/p5', 'port:br-int/p5'], removed: [], changed: {} });
    expect(object(desired, 'port:br-int/p5')?.fields).toEqual({
      name: 'p5',
      bridge: 'br-int',
      tag: 5,
      trunks: [],
      vlanMode: null,
      externalIds: {},
      interfaces: ['p5'],
    });
    expect(object(desired, 'iface:p5')?.fields).toEqual({
      name: 'p5',
      type: 'internal',
      options: {},
      mtuRequest: null,
      externalIds: { 'iface-id': 'x-1' },
    });
    expect(desired.ovs?.bridges.find((b) => b.name === 'br-int')?.ports).toContain('port:br-int/p5');
    const iface = desired.ovs?.interfaces.find((i) => i.name === 'p5');
    expect(iface).toMatchObject({ uuid: '', ofport: null, port: 'port:br-int/p5', bridge: 'br-int' });
    expect(HostModel.safeParse(desired).success).toBe(true);
  });

  it('system: takes an existing root link, here one made by an earlier edit', () => {
    const { summary } = accepted(aio(), [
      { op: 'add-veth', name: 'va0', peer: 'vb0', peerNamespace: 'outside' },
      {
        op: 'add-port',
        bridge: 'br-ex',
        name: 'va0',
        type: 'system',
        trunks: [30, 10, 10],
        vlanMode: 'trunk',
      },
    ]);
    expect(summary.added).toEqual(['iface:va0', 'link:/va0', 'link:outside/vb0', 'port:br-ex/va0']);
  });

  it('system on a kernel-datapath bridge: the device is enslaved to ovs-system', () => {
    const model = aio();
    for (const b of model.ovs?.bridges ?? []) b.datapathType = 'system';
    const { desired, summary } = accepted(model, [
      { op: 'add-veth', name: 'va0', peer: 'vb0' },
      { op: 'add-port', bridge: 'br-ex', name: 'va0', type: 'system' },
    ]);
    expect(summary.added).toContain('link:/va0');
    expect(object(desired, 'link:/va0')?.fields.master).toBe('ovs-system');
  });

  it('tunnels: vxlan with remote_ip and key; the kernel datapath makes vxlan_sys_4789', () => {
    const { desired, summary } = accepted(aio(), [
      {
        op: 'add-port',
        bridge: 'br-int',
        name: 'vx9',
        type: 'vxlan',
        options: { remote_ip: '192.0.2.99', key: '42' },
      },
    ]);
    expect(summary.added).toEqual(['iface:vx9', 'port:br-int/vx9']);
    expect(object(desired, 'iface:vx9')?.fields.options).toEqual({ remote_ip: '192.0.2.99', key: '42' });
    const model = aio();
    for (const b of model.ovs?.bridges ?? []) b.datapathType = 'system';
    const kernel = accepted(model, [
      {
        op: 'add-port',
        bridge: 'br-int',
        name: 'gnv1',
        type: 'geneve',
        options: { remote_ip: '2001:db8::9' },
      },
    ]);
    expect(kernel.summary.added).toEqual(['iface:gnv1', 'link:/genev_sys_6081', 'port:br-int/gnv1']);
  });

  it('patch: options.peer', () => {
    const { desired } = accepted(aio(), [
      { op: 'add-port', bridge: 'br-int', name: 'to-ex', type: 'patch', options: { peer: 'to-int' } },
    ]);
    expect(object(desired, 'iface:to-ex')?.fields).toMatchObject({
      type: 'patch',
      options: { peer: 'to-int' },
    });
  });

  it('refuses a missing bridge, a taken name, a missing device, tunnel without remote_ip, misplaced options', () => {
    expect(
      refusedWith(aio(), [{ op: 'add-port', bridge: 'br-x', name: 'p5', type: 'internal' }], 0, 'bridge')
        .message,
    ).toMatch(/bridge br-x does not exist \(bridges: br-ex, br-int\)/);
    expect(
      refusedWith(
        aio(),
        [{ op: 'add-port', bridge: 'br-int', name: 'qvo3c4d5e6f-7a', type: 'internal' }],
        0,
        'name',
      ).message,
    ).toMatch(/already a port on bridge br-int/);
    expect(
      refusedWith(aio(), [{ op: 'add-port', bridge: 'br-int', name: 'eth0', type: 'internal' }], 0, 'name')
        .message,
    ).toMatch(/already a link in the root namespace/);
    expect(
      refusedWith(aio(), [{ op: 'add-port', bridge: 'br-ex', name: 'eth9', type: 'system' }], 0, 'name')
        .message,
    ).toMatch(/needs a kernel link eth9 in the root namespace.*add-veth/);
    expect(
      refusedWith(
        aio(),
        [{ op: 'add-port', bridge: 'br-ex', name: 'vx1', type: 'vxlan' }],
        0,
        'options.remote_ip',
      ).message,
    ).toMatch(/needs options.remote_ip/);
    refusedWith(
      aio(),
      [
        {
          op: 'add-port',
          bridge: 'br-ex',
          name: 'vx1',
          type: 'vxlan',
          options: { remote_ip: '192.0.2.300' },
        },
      ],
      0,
      'options.remote_ip',
    );
    refusedWith(
      aio(),
      [
        {
          op: 'add-port',
          bridge: 'br-ex',
          name: 'vx1',
          type: 'vxlan',
          options: { remote_ip: '192.0.2.3', key: '16777216' },
        },
      ],
      0,
      'options.key',
    );
    refusedWith(
      aio(),
      [{ op: 'add-port', bridge: 'br-ex', name: 'p1', type: 'internal', options: { peer: 'x' } }],
      0,
      'options.peer',
    );
    refusedWith(aio(), [{ op: 'add-port', bridge: 'br-ex', name: 'p1', type: 'patch' }], 0, 'options.peer');
    refusedWith(
      aio(),
      [{ op: 'add-port', bridge: 'br-ex', name: 'p1', type: 'internal', vlanMode: 'access', trunks: [1, 2] }],
      0,
      'vlanMode',
    );
  });
});

describe('delete-port', () => {
  it('removes the port, its interface and the kernel link of an internal port (moved into a namespace)', () => {
    const { summary } = accepted(aio(), [{ op: 'delete-port', name: 'tap7d2e9b1a-0c', bridge: 'br-int' }]);
    expect(summary).toEqual({
      added: [],
      removed: [
        `addr:${QDHCP}/tap7d2e9b1a-0c/192.0.2.2/24`,
        'iface:tap7d2e9b1a-0c',
        `link:${QDHCP}/tap7d2e9b1a-0c`,
        'port:br-int/tap7d2e9b1a-0c',
      ],
      changed: {},
    });
  });

  it('a system port leaves its device in place; a bond goes with both interfaces', () => {
    expect(accepted(aio(), [{ op: 'delete-port', name: 'eth1' }]).summary).toEqual({
      added: [],
      removed: ['iface:eth1', 'port:br-ex/eth1'],
      changed: {},
    });
    expect(accepted(kvm(), [{ op: 'delete-port', name: 'bond0' }]).summary.removed).toEqual([
      'iface:uplink0',
      'iface:uplink1',
      'port:ovsbr0/bond0',
    ]);
  });

  it('refuses a missing port, the wrong bridge and the bridge port itself', () => {
    expect(refusedWith(aio(), [{ op: 'delete-port', name: 'nope' }], 0, 'name').message).toMatch(
      /port nope does not exist \(ports: /,
    );
    expect(refusedWith(kvm(), [{ op: 'delete-port', name: 'uplink0' }], 0, 'name').message).toMatch(
      /interface of port bond0/,
    );
    expect(
      refusedWith(aio(), [{ op: 'delete-port', name: 'eth1', bridge: 'br-int' }], 0, 'bridge').message,
    ).toBe('port eth1 is on bridge br-ex, not br-int');
    expect(refusedWith(aio(), [{ op: 'delete-port', name: 'br-ex' }], 0, 'name').message).toMatch(
      /delete-bridge/,
    );
  });
});

describe('set-port', () => {
  it('changes tag, trunks and VLAN mode; tag null clears', () => {
    const set = accepted(kvm(), [
      { op: 'set-port', name: 'vnet0', tag: 7, trunks: [20, 10], vlanMode: 'native-untagged' },
    ]);
    expect(set.summary).toEqual({
      added: [],
      removed: [],
      changed: { 'port:ovsbr0/vnet0': ['tag', 'trunks', 'vlanMode'] },
    });
    expect(object(set.desired, 'port:ovsbr0/vnet0')?.fields).toMatchObject({
      tag: 7,
      trunks: [10, 20],
      vlanMode: 'native-untagged',
    });
    const clear = accepted(kvm(), [{ op: 'set-port', name: 'vnet0', tag: null }]);
    expect(clear.summary.changed).toEqual({ 'port:ovsbr0/vnet0': ['tag'] });
    expect(object(clear.desired, 'port:ovsbr0/vnet0')?.fields.tag).toBeNull();
  });

  it('refuses a missing port, an empty change and contradicting VLAN settings', () => {
    refusedWith(kvm(), [{ op: 'set-port', name: 'nope', tag: 1 }], 0, 'name');
    expect(refusedWith(kvm(), [{ op: 'set-port', name: 'vnet0' }], 0, null).message).toMatch(
      /changes nothing/,
    );
    // vnet1 is native-untagged with tag 20: clearing the tag leaves no native VLAN.
    expect(refusedWith(kvm(), [{ op: 'set-port', name: 'vnet1', tag: null }], 0, 'tag').message).toMatch(
      /native-untagged needs a tag/,
    );
  });
});

describe('add-patch', () => {
  it('adds both ends, each naming the other as peer', () => {
    const { desired, summary } = accepted(aio(), [
      { op: 'add-patch', bridge: 'br-int', port: 'int-to-ex', peerBridge: 'br-ex', peerPort: 'ex-to-int' },
    ]);
    expect(summary).toEqual({
      added: ['iface:ex-to-int', 'iface:int-to-ex', 'port:br-ex/ex-to-int', 'port:br-int/int-to-ex'],
      removed: [],
      changed: {},
    });
    expect(object(desired, 'iface:int-to-ex')?.fields.options).toEqual({ peer: 'ex-to-int' });
    expect(object(desired, 'iface:ex-to-int')?.fields.options).toEqual({ peer: 'int-to-ex' });
  });

  it('refuses taken names, one name for both ends, and a missing peer bridge', () => {
    refusedWith(
      aio(),
      [{ op: 'add-patch', bridge: 'br-int', port: 'int-br-ex', peerBridge: 'br-ex', peerPort: 'x' }],
      0,
      'port',
    );
    refusedWith(
      aio(),
      [{ op: 'add-patch', bridge: 'br-int', port: 'a', peerBridge: 'br-ex', peerPort: 'a' }],
      0,
      'peerPort',
    );
    refusedWith(
      aio(),
      [{ op: 'add-patch', bridge: 'br-int', port: 'a', peerBridge: 'br-tun', peerPort: 'b' }],
      0,
      'peerBridge',
    );
  });
});

describe('set-interface', () => {
  it('merges options and external ids (given keys replaced, others kept)', () => {
    const { desired, summary } = accepted(kvm(), [
      {
        op: 'set-interface',
        name: 'gnv0',
        options: { remote_ip: '198.18.1.251' },
        externalIds: { note: 'x' },
      },
    ]);
    expect(summary.changed).toEqual({ 'iface:gnv0': ['externalIds', 'options'] });
    expect(object(desired, 'iface:gnv0')?.fields.options).toEqual({
      key: '5001',
      local_ip: '198.18.0.30',
      remote_ip: '198.18.1.251',
    });
    const base = kvm();
    const before = base.ovs?.interfaces.find((i) => i.name === 'vnet0')?.externalIds;
    expect(Object.keys(before ?? {}).length).toBeGreaterThan(2);
    const vnet0 = accepted(base, [
      { op: 'set-interface', name: 'vnet0', externalIds: { 'iface-id': 'new' } },
    ]);
    expect(object(vnet0.desired, 'iface:vnet0')?.fields.externalIds).toEqual({
      ...before,
      'iface-id': 'new',
    });
  });

  it('mtuRequest sets the MTU of the backing kernel link too; null clears the request', () => {
    const { desired, summary } = accepted(kvm(), [{ op: 'set-interface', name: 'mgmt0', mtuRequest: 1400 }]);
    expect(summary.changed['iface:mgmt0']).toEqual(['mtuRequest']);
    expect(desired.namespaces[0]?.links.find((l) => l.name === 'mgmt0')?.mtu).toBe(1400);
    expect(
      accepted(desired, [{ op: 'set-interface', name: 'mgmt0', mtuRequest: null }]).summary.changed,
    ).toEqual({
      'iface:mgmt0': ['mtuRequest'],
    });
  });

  it('refuses a missing interface, misplaced options and an MTU on a patch port', () => {
    expect(
      refusedWith(kvm(), [{ op: 'set-interface', name: 'bond0', mtuRequest: 1400 }], 0, 'name').message,
    ).toMatch(/bond0 is a port whose interfaces are uplink0, uplink1/);
    refusedWith(
      kvm(),
      [{ op: 'set-interface', name: 'vnet0', options: { remote_ip: '192.0.2.1' } }],
      0,
      'options.remote_ip',
    );
    refusedWith(aio(), [{ op: 'set-interface', name: 'int-br-ex', mtuRequest: 1400 }], 0, 'mtuRequest');
    refusedWith(
      aio(),
      [{ op: 'set-interface', name: 'int-br-ex', options: { peer: 'int-br-ex' } }],
      0,
      'options.peer',
    );
    expect(refused(aio(), [{ op: 'set-interface', name: 'eth1' }])[0]?.message).toMatch(/changes nothing/);
  });
});
