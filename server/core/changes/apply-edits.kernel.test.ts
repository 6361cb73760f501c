import { describe, expect, it } from 'vitest';
import { HostModel } from '../model/schema';
import { vethPairs } from '../relations/veth-pairs';
import { accepted, labModel, refusedWith } from './apply-edits.test-helper';
import { modelObjects } from './objects';

const aio = () => labModel('aio');
const kvm = () => labModel('kvm');
const QROUTER = 'qrouter-8c1f6a0e-3d2b-4e5f-9a7c-1b2d3e4f5a6b';
const object = (model: HostModel, id: string) => modelObjects(model).find((o) => o.id === id);
/** The policy rules every namespace starts with. */
const RULES = (ns: string) => [
  `rule:${ns}/inet/0/local`,
  `rule:${ns}/inet/32766/main`,
  `rule:${ns}/inet/32767/default`,
  `rule:${ns}/inet6/0/local`,
  `rule:${ns}/inet6/32766/main`,
];

describe('add-namespace', () => {
  it('adds the namespace with its down loopback and the default rules ip netns add gives it', () => {
    const { desired, summary } = accepted(aio(), [{ op: 'add-namespace', name: 'ns-new' }]);
    expect(summary).toEqual({
      added: ['link:ns-new/lo', 'ns:ns-new', ...RULES('ns-new')],
      removed: [],
      changed: {},
    });
    expect(object(desired, 'link:ns-new/lo')?.fields).toEqual({
      name: 'lo',
      kind: 'device',
      up: false,
      mtu: 65536,
      mac: '00:00:00:00:00:00',
      master: null,
    });
    // The same rules, through the same parser, as a real namespace in the fixture.
    const fresh = desired.namespaces.find((n) => n.name === 'ns-new');
    const real = desired.namespaces.find((n) => n.name === 'outside');
    expect(fresh?.rules.map((r) => ({ ...r, id: r.id.replace('ns-new', 'outside') }))).toEqual(real?.rules);
    expect(HostModel.safeParse(desired).success).toBe(true);
  });

  it('refuses a name already taken', () => {
    expect(refusedWith(aio(), [{ op: 'add-namespace', name: 'outside' }], 0, 'name').message).toBe(
      'namespace outside already exists; choose another name',
    );
  });
});

describe('delete-namespace', () => {
  it('removes the namespace, its links and the far ends of its veths', () => {
    const { summary } = accepted(aio(), [{ op: 'delete-namespace', name: 'instance-1' }]);
    expect(summary).toEqual({
      added: [],
      removed: [
        'addr:instance-1/lo/127.0.0.1/8',
        'addr:instance-1/lo/::1/128',
        'addr:instance-1/qvb3c4d5e6f-7a/192.0.2.10/24',
        // The root end of the veth goes with it (it was OVS port qvo3c4d5e6f-7a's device).
        'link:/qvo3c4d5e6f-7a',
        'link:instance-1/lo',
        'link:instance-1/qvb3c4d5e6f-7a',
        'ns:instance-1',
        'route:instance-1/main/inet/default',
        ...RULES('instance-1'),
      ],
      changed: {},
    });
  });

  it('refuses a namespace that does not exist', () => {
    expect(refusedWith(aio(), [{ op: 'delete-namespace', name: 'nope' }], 0, 'name').message).toMatch(
      /^namespace nope does not exist \(namespaces: outside, instance-2/,
    );
  });
});

describe('add-veth', () => {
  it('adds both ends, down, in their namespaces (default root), paired', () => {
    const { desired, summary } = accepted(aio(), [
      { op: 'add-namespace', name: 'ns-v' },
      { op: 'add-veth', name: 'va0', peer: 'vb0', peerNamespace: 'ns-v' },
      { op: 'add-veth', name: 'x0', peer: 'x1', namespace: 'outside', peerNamespace: 'outside' },
    ]);
    expect(summary.added).toEqual([
      'link:/va0',
      'link:ns-v/lo',
      'link:ns-v/vb0',
      'link:outside/x0',
      'link:outside/x1',
      'ns:ns-v',
      ...RULES('ns-v'),
    ]);
    expect(object(desired, 'link:ns-v/vb0')?.fields).toEqual({
      name: 'vb0',
      kind: 'veth',
      up: false,
      mtu: 1500,
      mac: null,
      master: null,
    });
    // In one namespace, ip names the peer (`link`), so relations pair the ends.
    expect(vethPairs(desired).find((p) => p.a === 'link:outside/x0')?.b).toBe('link:outside/x1');
  });

  it('refuses taken names, missing namespaces and one name for both ends', () => {
    expect(refusedWith(aio(), [{ op: 'add-veth', name: 'eth0', peer: 'v1' }], 0, 'name').message).toBe(
      'name eth0 is already a link in the root namespace (kind veth); choose another name',
    );
    expect(
      refusedWith(
        aio(),
        [{ op: 'add-veth', name: 'v0', peer: 'eth1-outside', peerNamespace: 'outside' }],
        0,
        'peer',
      ).message,
    ).toMatch(/already a link in namespace outside/);
    expect(
      refusedWith(aio(), [{ op: 'add-veth', name: 'v0', peer: 'v1', namespace: 'nope' }], 0, 'namespace')
        .message,
    ).toMatch(/namespace nope does not exist .*add-namespace/);
    refusedWith(
      aio(),
      [{ op: 'add-veth', name: 'v0', peer: 'v1', peerNamespace: 'nope' }],
      0,
      'peerNamespace',
    );
    refusedWith(aio(), [{ op: 'add-veth', name: 'v0', peer: 'v0' }], 0, 'peer');
    // An OVS internal port makes a root link of its name: a later veth cannot take it.
    refusedWith(
      aio(),
      [
        { op: 'add-port', bridge: 'br-int', name: 'p9', type: 'internal' },
        { op: 'add-veth', name: 'p9', peer: 'p9b' },
      ],
      1,
      'name',
    );
  });
});

describe('move-link', () => {
  it('moves a link: it arrives down, without addresses, and routes through it stay behind', () => {
    const { desired, summary } = accepted(aio(), [
      { op: 'move-link', name: 'qvb9e8d7c6b-5a', from: 'instance-2', to: 'outside' },
    ]);
    expect(summary).toEqual({
      added: ['link:outside/qvb9e8d7c6b-5a'],
      removed: ['addr:instance-2/qvb9e8d7c6b-5a/198.51.100.10/24', 'link:instance-2/qvb9e8d7c6b-5a'],
      changed: {},
    });
    expect(object(desired, 'link:outside/qvb9e8d7c6b-5a')?.fields).toMatchObject({
      kind: 'veth',
      up: false,
      mtu: 1500,
    });
    const back = accepted(aio(), [{ op: 'move-link', name: 'qvb3c4d5e6f-7a', from: 'instance-1', to: null }]);
    expect(back.summary).toEqual({
      added: ['link:/qvb3c4d5e6f-7a'],
      removed: [
        'addr:instance-1/qvb3c4d5e6f-7a/192.0.2.10/24',
        'link:instance-1/qvb3c4d5e6f-7a',
        'route:instance-1/main/inet/default',
      ],
      changed: {},
    });
  });

  it('moves an OVS internal port between namespaces (as Neutron does)', () => {
    const { summary } = accepted(aio(), [
      { op: 'move-link', name: 'qr-5f3a1c2e-4b', from: QROUTER, to: null },
    ]);
    expect(summary.added).toEqual(['link:/qr-5f3a1c2e-4b']);
  });

  it('refuses an OVS system port leaving the root, a missing link, the same namespace, a taken name, lo', () => {
    expect(
      refusedWith(aio(), [{ op: 'move-link', name: 'qvo9e8d7c6b-5a', to: 'outside' }], 0, 'name').message,
    ).toBe(
      'link qvo9e8d7c6b-5a is OVS port qvo9e8d7c6b-5a on bridge br-int (type system); it must stay in the root namespace (delete-port qvo9e8d7c6b-5a first)',
    );
    expect(refusedWith(aio(), [{ op: 'move-link', name: 'eth1-outside', to: null }], 0, 'name').message).toBe(
      'link eth1-outside does not exist in the root namespace; it is in namespace outside (set namespace)',
    );
    refusedWith(aio(), [{ op: 'move-link', name: 'eth1-outside', from: 'outside', to: 'outside' }], 0, 'to');
    refusedWith(aio(), [{ op: 'move-link', name: 'eth1', to: 'nope' }], 0, 'to');
    refusedWith(
      aio(),
      [
        { op: 'add-veth', name: 'eth1-outside', peer: 'zz' },
        { op: 'move-link', name: 'eth1-outside', to: 'outside' },
      ],
      1,
      'name',
    );
    refusedWith(aio(), [{ op: 'move-link', name: 'lo', to: 'outside' }], 0, 'name');
    refusedWith(aio(), [{ op: 'move-link', name: 'ovs-netdev', to: 'outside' }], 0, 'name');
  });
});

describe('set-link', () => {
  it('sets up, mtu and mac', () => {
    const { desired, summary } = accepted(aio(), [
      { op: 'set-link', namespace: 'outside', name: 'eth1-outside', mtu: 1400, mac: '02:00:00:00:00:AA' },
      { op: 'set-link', name: 'br-ex', up: true },
    ]);
    expect(summary.changed).toEqual({ 'link:/br-ex': ['up'], 'link:outside/eth1-outside': ['mac', 'mtu'] });
    expect(object(desired, 'link:outside/eth1-outside')?.fields).toMatchObject({
      mtu: 1400,
      mac: '02:00:00:00:00:aa',
    });
  });

  it('down: the kernel drops the routes through the link and its IPv6 addresses', () => {
    const { summary } = accepted(aio(), [
      { op: 'set-link', namespace: 'instance-1', name: 'qvb3c4d5e6f-7a', up: false },
    ]);
    expect(summary).toEqual({
      added: [],
      removed: ['route:instance-1/main/inet/default'],
      changed: { 'link:instance-1/qvb3c4d5e6f-7a': ['up'] },
    });
  });

  it('a loopback coming up gets 127.0.0.1/8 and ::1/128 from the kernel', () => {
    const { desired, summary } = accepted(aio(), [
      { op: 'add-namespace', name: 'ns-l' },
      { op: 'set-link', namespace: 'ns-l', name: 'lo', up: true },
    ]);
    expect(summary.added).toEqual([
      'addr:ns-l/lo/127.0.0.1/8',
      'addr:ns-l/lo/::1/128',
      'link:ns-l/lo',
      'ns:ns-l',
      ...RULES('ns-l'),
    ]);
    expect(
      desired.namespaces.find((n) => n.name === 'ns-l')?.links[0]?.addresses.map((a) => a.local),
    ).toEqual(['127.0.0.1', '::1']);
  });

  it('refuses an empty change, a missing link, a multicast MAC', () => {
    expect(refusedWith(aio(), [{ op: 'set-link', name: 'eth0' }], 0, null).message).toMatch(
      /changes nothing/,
    );
    refusedWith(aio(), [{ op: 'set-link', name: 'nope', up: true }], 0, 'name');
    refusedWith(aio(), [{ op: 'set-link', name: 'eth0', mac: '01:00:5e:00:00:01' }], 0, 'mac');
  });
});

describe('delete-link', () => {
  it('deletes a veth with its peer (and the peer address) wherever it lives', () => {
    const { summary } = accepted(kvm(), [{ op: 'delete-link', namespace: 'switch', name: 'wan0-peer' }]);
    expect(summary).toEqual({
      added: [],
      removed: [
        'addr:switch/wan0-peer/198.51.100.130/25',
        'addr:vm-router/wan0/198.51.100.129/25',
        'link:switch/wan0-peer',
        'link:vm-router/wan0',
        // Routes through the deleted peer go with it, in every table.
        'route:vm-router/200/inet/default',
        'route:vm-router/main/inet/default',
      ],
      changed: {},
    });
  });

  it('deletes a link made by an earlier edit, and a deleted link frees its name', () => {
    const { summary } = accepted(kvm(), [
      { op: 'add-veth', name: 'a', peer: 'b', peerNamespace: 'switch' },
      { op: 'delete-link', namespace: 'switch', name: 'b' },
      { op: 'add-veth', name: 'a', peer: 'b' },
    ]);
    expect(summary.added).toEqual(['link:/a', 'link:/b']);
  });

  it('refuses lo, a link that is an OVS port, a missing link, a physical device', () => {
    refusedWith(aio(), [{ op: 'delete-link', name: 'lo' }], 0, 'name');
    expect(refusedWith(aio(), [{ op: 'delete-link', name: 'qvo9e8d7c6b-5a' }], 0, 'name').message).toMatch(
      /OVS port qvo9e8d7c6b-5a on bridge br-int; delete-port it first/,
    );
    expect(
      refusedWith(aio(), [{ op: 'delete-link', namespace: QROUTER, name: 'qr-5f3a1c2e-4b' }], 0, 'name')
        .message,
    ).toMatch(/use delete-port qr-5f3a1c2e-4b instead/);
    refusedWith(aio(), [{ op: 'delete-link', name: 'nope' }], 0, 'name');
    expect(
      refusedWith(aio(), [{ op: 'delete-link', namespace: 'instance-1', name: 'qvb3c4d5e6f-7a' }], 0, 'name')
        .message,
    ).toBe(
      'deleting qvb3c4d5e6f-7a also deletes its veth peer qvo3c4d5e6f-7a in the root namespace, which is OVS port qvo3c4d5e6f-7a on bridge br-int; delete-port qvo3c4d5e6f-7a first',
    );
    accepted(aio(), [
      { op: 'delete-port', name: 'qvo3c4d5e6f-7a' },
      { op: 'delete-link', namespace: 'instance-1', name: 'qvb3c4d5e6f-7a' },
    ]);
    const model = aio();
    const eth0 = model.namespaces[0]?.links.find((l) => l.name === 'eth0');
    if (eth0) eth0.kind = 'device';
    expect(refusedWith(model, [{ op: 'delete-link', name: 'eth0' }], 0, 'name').message).toMatch(
      /physical device/,
    );
  });
});
