import { describe, expect, it } from 'vitest';
import { routeId } from '../model/identity';
import type { HostModel } from '../model/schema';
import { diffModels } from './diff';
import { plan, UNRESTORABLE } from './plan';
import {
  addPort,
  bridge,
  edit,
  iface,
  link,
  load,
  newAddress4,
  newBridge,
  newFlow,
  newLink,
  newNamespace,
  newRoute4,
  ns,
  port,
  removeLink,
  removePort,
  stepOf,
  texts,
} from './plan.test-helper';
import { ROOT_NETNS_PID } from './shell-quote';
import { unitsOf } from './units';

describe('plan: nothing to do', () => {
  it.each(['aio', 'kvm', 'openstack'] as const)('is empty for two identical models (%s)', (name) => {
    const p = plan(load(name), load(name));
    expect(p.steps).toEqual([]);
    expect(p.warnings).toEqual([]);
    expect(p.diff).toEqual({ added: [], removed: [], changed: [] });
    expect(p.elements).toEqual({ added: [], removed: [], changed: [] });
  });

  it('is empty for two reads of one host that differ only in counters', () => {
    const first = load('openstack');
    const second = load('openstack2');
    expect(first.collectedAt).not.toBe(second.collectedAt);
    const p = plan(first, second);
    expect(p.steps).toEqual([]);
    expect(p.warnings).toEqual([]);
    expect(p.host).toBe('openstack');
    expect(p.planVersion).toBe(1);
  });
});

describe('plan: bridges', () => {
  it('adds a bridge with its settings in one ovsdb step; its own port, interface and device come with add-br', () => {
    const { plan: p } = edit('aio', (m) => {
      m.ovs?.bridges.push(
        newBridge('br-new', {
          failMode: 'secure',
          datapathType: 'netdev',
          protocols: ['OpenFlow13', 'OpenFlow10'],
          externalIds: { owner: 'test' },
          ports: ['port:br-new/br-new'],
        }),
      );
      addPort(m, 'br-new', 'br-new', { type: 'internal' });
      ns(m, '').links.push(newLink('', 'br-new', { kind: 'tun', tunType: 'tap' }));
    });
    expect(p.steps).toHaveLength(1);
    expect(p.steps[0]).toEqual({
      n: 0,
      phase: 'ovsdb',
      action: 'add',
      object: { kind: 'bridge', id: 'br:br-new' },
      text: '+ bridge br-new fail_mode=secure datapath_type=netdev protocols=OpenFlow10,OpenFlow13 external_ids:owner=test',
      forward: [
        ['add-br', 'br-new'],
        [
          'set',
          'Bridge',
          'br-new',
          'fail_mode=secure',
          'datapath_type=netdev',
          'protocols=OpenFlow10,OpenFlow13',
          'external_ids:owner=test',
        ],
      ],
      inverse: [['--if-exists', 'del-br', 'br-new']],
    });
    expect(p.diff.added.map((o) => o.id).sort()).toEqual([
      'br:br-new',
      'iface:br-new',
      'link:/br-new',
      'port:br-new/br-new',
    ]);
  });

  it('removes a bridge after its ports; the inverse re-creates the bridge with its settings, then the ports', () => {
    const { current, plan: p } = edit('aio', (m) => {
      const ovs = m.ovs;
      if (!ovs) return;
      ovs.bridges = ovs.bridges.filter((b) => b.name !== 'br-ex');
      for (const name of ['br-ex', 'qg-a1b2c3d4-e5', 'phy-br-ex', 'eth1']) removePort(m, name);
      removeLink(m, '', 'br-ex');
      removeLink(m, 'qrouter-8c1f6a0e-3d2b-4e5f-9a7c-1b2d3e4f5a6b', 'qg-a1b2c3d4-e5');
    });
    const del = stepOf(p, '- bridge br-ex');
    expect(del.forward).toEqual([['del-br', 'br-ex']]);
    expect(del.inverse).toEqual([
      ['--may-exist', 'add-br', 'br-ex'],
      ['set', 'Bridge', 'br-ex', 'datapath_type=netdev', 'external_ids:bridge-id=br-ex'],
    ]);
    const eth1 = stepOf(p, '- port br-ex/eth1');
    expect(eth1.forward).toEqual([['del-port', 'br-ex', 'eth1']]);
    expect(eth1.inverse).toEqual([['--may-exist', 'add-port', 'br-ex', 'eth1']]);
    expect(stepOf(p, /^- port br-ex\/qg-a1b2c3d4-e5/).inverse).toEqual([
      ['--may-exist', 'add-port', 'br-ex', 'qg-a1b2c3d4-e5'],
      [
        'set',
        'Interface',
        'qg-a1b2c3d4-e5',
        'type=internal',
        'external_ids:attached-mac="fa:16:3e:33:44:01"',
        'external_ids:iface-id=a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
      ],
    ]);
    // The forward transaction deletes ports, then the bridge; the inverse re-adds the bridge first.
    const ovsdb = unitsOf(p).find((u) => u.forward[0]?.argv[0] === 'ovs-vsctl');
    const forward = ovsdb?.forward[0]?.argv ?? [];
    expect(forward.indexOf('del-br')).toBeGreaterThan(forward.lastIndexOf('del-port'));
    const inverse = ovsdb?.undo[1]?.[0]?.argv ?? [];
    expect(inverse.indexOf('add-br')).toBeLessThan(inverse.indexOf('add-port'));
    // No step for the bridge's own port; its flows go first (rollback re-adds them to the new
    // bridge), except the priority=0 NORMAL flow OVS installs itself in a standalone bridge.
    expect(texts(p).some((t) => t.startsWith('- port br-ex/br-ex'))).toBe(false);
    expect(bridge(current, 'br-ex').flows).toHaveLength(4);
    expect(texts(p).filter((t) => t.startsWith('- flow br-ex'))).toEqual([
      '- flow br-ex table=0 priority=4 in_port=phy-br-ex,dl_vlan=1 actions=strip_vlan,NORMAL',
      '- flow br-ex table=0 priority=2 in_port=phy-br-ex actions=drop',
      '- flow br-ex table=0 priority=1 actions=NORMAL',
    ]);
    expect(p.warnings).toContainEqual({
      code: 'DELETES_BRIDGE_WITH_PORTS',
      message: 'deleting bridge br-ex deletes its 3 ports: qg-a1b2c3d4-e5, phy-br-ex, eth1',
      objects: ['br:br-ex', 'port:br-ex/qg-a1b2c3d4-e5', 'port:br-ex/phy-br-ex', 'port:br-ex/eth1'],
    });
  });

  it('changes bridge columns with set and clear, the inverse restoring the old values', () => {
    const { plan: p } = edit('openstack', (m) => {
      bridge(m, 'br-int').failMode = null;
      bridge(m, 'br-int').protocols = ['OpenFlow13', 'OpenFlow14'];
      bridge(m, 'br-int').externalIds = { team: 'net' };
    });
    expect(p.steps).toHaveLength(1);
    expect(p.steps[0]).toMatchObject({
      phase: 'ovsdb',
      action: 'change',
      object: { kind: 'bridge', id: 'br:br-int' },
      text: '~ bridge br-int external_ids:team none → net, fail_mode secure → none, protocols OpenFlow10,OpenFlow13 → OpenFlow13,OpenFlow14',
      forward: [
        ['clear', 'Bridge', 'br-int', 'fail_mode'],
        ['set', 'Bridge', 'br-int', 'external_ids:team=net', 'protocols=OpenFlow13,OpenFlow14'],
      ],
      inverse: [
        ['remove', 'Bridge', 'br-int', 'external_ids', 'team'],
        ['set', 'Bridge', 'br-int', 'fail_mode=secure', 'protocols=OpenFlow10,OpenFlow13'],
      ],
    });
  });
});

describe('plan: ports and interfaces', () => {
  it('adds an internal port with a tag: `+ port br-int/p5 tag=5 internal`', () => {
    const { plan: p } = edit('aio', (m) => addPort(m, 'br-int', 'p5', { port: { tag: 5 } }));
    expect(p.steps).toEqual([
      {
        n: 0,
        phase: 'ovsdb',
        action: 'add',
        object: { kind: 'port', id: 'port:br-int/p5' },
        text: '+ port br-int/p5 tag=5 internal',
        forward: [
          ['add-port', 'br-int', 'p5'],
          ['set', 'Interface', 'p5', 'type=internal'],
          ['set', 'Port', 'p5', 'tag=5'],
        ],
        inverse: [['--if-exists', 'del-port', 'br-int', 'p5']],
      },
    ]);
  });

  it('adds patch and tunnel ports with their options, trunks and VLAN mode', () => {
    const { plan: p } = edit('kvm', (m) => {
      addPort(m, 'ovsbr0', 'vx1', {
        type: 'vxlan',
        iface: { options: { remote_ip: '192.0.2.9', key: 'flow' }, mtuRequest: 1450 },
        port: { trunks: [20, 10], vlanMode: 'trunk' },
      });
      addPort(m, 'ovsbr0', 'pa', { type: 'patch', iface: { options: { peer: 'pb' } } });
    });
    expect(
      stepOf(
        p,
        '+ port ovsbr0/vx1 trunks=10,20 vlan_mode=trunk vxlan remote_ip=192.0.2.9 key=flow mtu_request=1450',
      ).forward,
    ).toEqual([
      ['add-port', 'ovsbr0', 'vx1'],
      [
        'set',
        'Interface',
        'vx1',
        'type=vxlan',
        'options:remote_ip=192.0.2.9',
        'options:key=flow',
        'mtu_request=1450',
      ],
      ['set', 'Port', 'vx1', 'trunks=10,20', 'vlan_mode=trunk'],
    ]);
    expect(stepOf(p, '+ port ovsbr0/pa patch peer=pb').forward).toEqual([
      ['add-port', 'ovsbr0', 'pa'],
      ['set', 'Interface', 'pa', 'type=patch', 'options:peer=pb'],
    ]);
  });

  it('adds a bond with add-bond and its members', () => {
    const { plan: p } = edit('kvm', (m) => {
      addPort(m, 'ovsbr0', 'bond9', {
        type: 'system',
        port: { bondMode: 'balance-slb', interfaces: ['iface:e1', 'iface:e2'] },
      });
      const ovs = m.ovs;
      if (!ovs) return;
      const member = ovs.interfaces.pop();
      if (!member) return;
      ovs.interfaces.push(
        { ...member, id: 'iface:e1', name: 'e1' },
        { ...member, id: 'iface:e2', name: 'e2' },
      );
    });
    expect(stepOf(p, /^\+ port ovsbr0\/bond9/).forward).toEqual([
      ['add-bond', 'ovsbr0', 'bond9', 'e1', 'e2'],
      ['set', 'Port', 'bond9', 'bond_mode=balance-slb'],
    ]);
  });

  it('removes a port strictly; the inverse re-adds it with --may-exist and every setting', () => {
    const { plan: p } = edit('aio', (m) => {
      removePort(m, 'tap7d2e9b1a-0c');
      removeLink(m, 'qdhcp-2a9b8c7d-6e5f-4a3b-8c1d-0e9f8a7b6c5d', 'tap7d2e9b1a-0c');
    });
    // The internal port lives in a qdhcp namespace: its address goes, its device goes back to the
    // root namespace (rollback moves it in again), then OVS deletes port and device.
    expect(texts(p)).toEqual([
      '- address qdhcp-2a9b8c7d-6e5f-4a3b-8c1d-0e9f8a7b6c5d/tap7d2e9b1a-0c 192.0.2.2/24',
      '- link qdhcp-2a9b8c7d-6e5f-4a3b-8c1d-0e9f8a7b6c5d/tap7d2e9b1a-0c (deleted by OVS)',
      '- port br-int/tap7d2e9b1a-0c tag=1 internal',
    ]);
    const del = stepOf(p, '- port br-int/tap7d2e9b1a-0c tag=1 internal');
    expect(del.forward).toEqual([['del-port', 'br-int', 'tap7d2e9b1a-0c']]);
    expect(del.inverse).toEqual([
      ['--may-exist', 'add-port', 'br-int', 'tap7d2e9b1a-0c'],
      [
        'set',
        'Interface',
        'tap7d2e9b1a-0c',
        'type=internal',
        'external_ids:attached-mac="fa:16:3e:11:22:02"',
        'external_ids:iface-id=7d2e9b1a-0c4f-4a6b-9d8e-7f6a5b4c3d2e',
        'external_ids:iface-status=active',
      ],
      ['set', 'Port', 'tap7d2e9b1a-0c', 'tag=1'],
    ]);
  });

  it('changes a tag: `~ port br-int/jack tag 1 → 7`, and clears one with an inverse that sets it back', () => {
    const seven = edit('aio', (m) => {
      port(m, 'qvo3c4d5e6f-7a').tag = 7;
    }).plan;
    expect(seven.steps).toEqual([
      {
        n: 0,
        phase: 'ovsdb',
        action: 'change',
        object: { kind: 'port', id: 'port:br-int/qvo3c4d5e6f-7a' },
        text: '~ port br-int/qvo3c4d5e6f-7a tag 1 → 7',
        forward: [['set', 'Port', 'qvo3c4d5e6f-7a', 'tag=7']],
        inverse: [['set', 'Port', 'qvo3c4d5e6f-7a', 'tag=1']],
      },
    ]);
    const cleared = edit('aio', (m) => {
      port(m, 'qvo3c4d5e6f-7a').tag = null;
      port(m, 'qvo3c4d5e6f-7a').trunks = [10, 20];
      port(m, 'qvo3c4d5e6f-7a').vlanMode = 'trunk';
    }).plan;
    expect(cleared.steps[0]).toMatchObject({
      text: '~ port br-int/qvo3c4d5e6f-7a tag 1 → none, trunks none → 10,20, vlan_mode none → trunk',
      forward: [
        ['clear', 'Port', 'qvo3c4d5e6f-7a', 'tag'],
        ['set', 'Port', 'qvo3c4d5e6f-7a', 'trunks=10,20', 'vlan_mode=trunk'],
      ],
      inverse: [
        ['clear', 'Port', 'qvo3c4d5e6f-7a', 'trunks', 'vlan_mode'],
        ['set', 'Port', 'qvo3c4d5e6f-7a', 'tag=1'],
      ],
    });
  });

  it('changes interface options, mtu_request and external_ids key by key', () => {
    const { plan: p } = edit('kvm', (m) => {
      const gnv = iface(m, 'gnv0');
      gnv.options = { ...gnv.options, remote_ip: '198.18.1.251', dst_port: '6082' };
      delete gnv.options.key;
      gnv.mtuRequest = 1400;
      gnv.externalIds = { 'x:y': 'a b' };
    });
    expect(p.steps).toHaveLength(1);
    expect(p.steps[0]).toMatchObject({
      object: { kind: 'interface', id: 'iface:gnv0' },
      text: '~ interface gnv0 external_ids:x:y none → a b, mtu_request none → 1400, options:dst_port none → 6082, options:key 5001 → none, options:remote_ip 198.18.1.250 → 198.18.1.251',
      forward: [
        ['remove', 'Interface', 'gnv0', 'options', 'key'],
        [
          'set',
          'Interface',
          'gnv0',
          'external_ids:"x:y"="a b"',
          'mtu_request=1400',
          'options:dst_port=6082',
          'options:remote_ip=198.18.1.251',
        ],
      ],
      inverse: [
        ['clear', 'Interface', 'gnv0', 'mtu_request'],
        ['remove', 'Interface', 'gnv0', 'external_ids', '"x:y"'],
        ['remove', 'Interface', 'gnv0', 'options', 'dst_port'],
        ['set', 'Interface', 'gnv0', 'options:key=5001', 'options:remote_ip=198.18.1.250'],
      ],
    });
  });
});

describe('plan: flows', () => {
  it('removes a flow strictly: `- flow br-ex table=0 priority=2 in_port=phy-br-ex actions=drop`', () => {
    const { plan: p } = edit('aio', (m) => {
      const br = bridge(m, 'br-ex');
      br.flows = (br.flows ?? []).filter((f) => f.priority !== 2);
    });
    expect(p.steps).toEqual([
      {
        n: 0,
        phase: 'flow',
        action: 'remove',
        object: { kind: 'flow', id: 'flow:br-ex/0/2/in_port=phy-br-ex' },
        text: '- flow br-ex table=0 priority=2 in_port=phy-br-ex actions=drop',
        forward: [['ovs-ofctl', '--strict', 'del-flows', 'br-ex', 'table=0,priority=2,in_port=phy-br-ex']],
        inverse: [['ovs-ofctl', 'add-flow', 'br-ex', 'table=0,priority=2,in_port=phy-br-ex,actions=drop']],
      },
    ]);
  });

  it('adds a flow with -O OpenFlow13 on a bridge that does not speak OpenFlow 1.0', () => {
    const { plan: p } = edit('openstack', (m) => {
      bridge(m, 'br-tun').flows?.push(
        newFlow(
          'br-tun',
          3,
          10,
          [
            ['in_port', 'patch-int'],
            ['dl_vlan', '7'],
          ],
          'drop',
        ),
      );
      bridge(m, 'br-int').flows?.push(newFlow('br-int', 0, 10, [['ip', '']], 'NORMAL'));
    });
    expect(
      stepOf(p, '+ flow br-tun table=3 priority=10 in_port=patch-int,dl_vlan=7 actions=drop'),
    ).toMatchObject({
      phase: 'flow',
      forward: [
        [
          'ovs-ofctl',
          '-O',
          'OpenFlow13',
          'add-flow',
          'br-tun',
          'table=3,priority=10,in_port=patch-int,dl_vlan=7,actions=drop',
        ],
      ],
      inverse: [
        [
          'ovs-ofctl',
          '-O',
          'OpenFlow13',
          '--strict',
          'del-flows',
          'br-tun',
          'table=3,priority=10,in_port=patch-int,dl_vlan=7',
        ],
      ],
    });
    // br-int allows OpenFlow10 as well: no -O.
    expect(stepOf(p, /^\+ flow br-int/).forward).toEqual([
      ['ovs-ofctl', 'add-flow', 'br-int', 'table=0,priority=10,ip,actions=NORMAL'],
    ]);
  });

  it('re-adds a removed flow with its cookie, timeouts and raw actions', () => {
    const { plan: p } = edit('openstack', (m) => {
      const br = bridge(m, 'br-int');
      br.flows = (br.flows ?? []).filter((f) => f.table !== 82);
    });
    expect(p.steps[0]?.inverse).toEqual([
      [
        'ovs-ofctl',
        'add-flow',
        'br-int',
        'table=82,priority=70,cookie=0xabc123,idle_timeout=300,hard_timeout=600,ct_state=+new-est,tcp,reg5=0x5,tp_dst=22,actions=move:NXM_OF_ETH_SRC[]->NXM_OF_ETH_DST[],note:01.02.03.00.00.00,output:"patch-tun"',
      ],
    ]);
  });

  it('changes a flow (same table, priority and match, other actions) with mod-flows --strict', () => {
    const { plan: p } = edit('aio', (m) => {
      const flow = bridge(m, 'br-ex').flows?.find((f) => f.priority === 2);
      if (flow) flow.raw = flow.raw.replace('actions=drop', 'actions=NORMAL');
    });
    expect(p.steps).toEqual([
      {
        n: 0,
        phase: 'flow',
        action: 'change',
        object: { kind: 'flow', id: 'flow:br-ex/0/2/in_port=phy-br-ex' },
        text: '~ flow br-ex table=0 priority=2 in_port=phy-br-ex actions drop → NORMAL',
        forward: [
          [
            'ovs-ofctl',
            '--strict',
            'mod-flows',
            'br-ex',
            'table=0,priority=2,in_port=phy-br-ex,actions=NORMAL',
          ],
        ],
        inverse: [
          [
            'ovs-ofctl',
            '--strict',
            'mod-flows',
            'br-ex',
            'table=0,priority=2,in_port=phy-br-ex,actions=drop',
          ],
        ],
      },
    ]);
  });

  it('plans no step for the NORMAL flow OVS itself installs in a new standalone bridge', () => {
    const { plan: p } = edit('kvm', (m) => {
      m.ovs?.bridges.push(newBridge('br-x', { flows: [newFlow('br-x', 0, 0, [], 'NORMAL')] }));
    });
    expect(texts(p)).toEqual(['+ bridge br-x']);
  });
});

describe('plan: namespaces, links, addresses, routes', () => {
  it('adds and deletes namespaces with ip netns', () => {
    const add = edit('kvm', (m) => m.namespaces.push(newNamespace('blue'))).plan;
    expect(add.steps).toEqual([
      {
        n: 0,
        phase: 'kernel',
        action: 'add',
        object: { kind: 'namespace', id: 'ns:blue' },
        text: '+ namespace blue',
        forward: [['ip', 'netns', 'add', 'blue']],
        inverse: [['ip', 'netns', 'del', 'blue']],
      },
    ]);
    const del = plan(withNs(load('kvm'), 'blue'), load('kvm'));
    expect(del.steps.map((s) => [s.text, s.forward])).toEqual([
      ['- namespace blue', [['ip', 'netns', 'del', 'blue']]],
    ]);
  });

  it('creates a new veth pair in ONE step, from the root end, into the peer namespace', () => {
    const { plan: p } = edit('kvm', (m) => {
      ns(m, '').links.push(newLink('', 'va', { link: 'vb', flags: ['BROADCAST', 'MULTICAST', 'UP'] }));
      ns(m, 'vm-web').links.push(newLink('vm-web', 'vb', { link: 'va', mtu: 9000 }));
    });
    expect(p.steps).toEqual([
      {
        n: 0,
        phase: 'kernel',
        action: 'add',
        object: { kind: 'link', id: 'link:/va' },
        text: '+ veth root/va up ↔ vm-web/vb mtu=9000',
        forward: [
          ['ip', 'link', 'add', 'va', 'type', 'veth', 'peer', 'name', 'vb', 'netns', 'vm-web'],
          ['ip', 'link', 'set', 'dev', 'va', 'up'],
          ['ip', '-n', 'vm-web', 'link', 'set', 'dev', 'vb', 'mtu', '9000'],
        ],
        inverse: [['ip', 'link', 'del', 'va']],
      },
    ]);
  });

  it('creates a veth between two named namespaces with ip -n … netns …', () => {
    const { plan: p } = edit('kvm', (m) => {
      ns(m, 'vm-web').links.push(newLink('vm-web', 'x1', { link: 'x2' }));
      ns(m, 'vm-legacy').links.push(newLink('vm-legacy', 'x2', { link: 'x1' }));
    });
    expect(p.steps.map((s) => s.forward)).toEqual([
      [
        [
          'ip',
          '-n',
          'vm-legacy',
          'link',
          'add',
          'x2',
          'type',
          'veth',
          'peer',
          'name',
          'x1',
          'netns',
          'vm-web',
        ],
      ],
    ]);
  });

  it('deletes a veth pair once, with an inverse that re-creates both ends as they were', () => {
    const { plan: p } = edit('aio', (m) => {
      removeLink(m, '', 'qvo3c4d5e6f-7a');
      removeLink(m, 'instance-1', 'qvb3c4d5e6f-7a');
    });
    const step = stepOf(p, '- veth root/qvo3c4d5e6f-7a ↔ instance-1/qvb3c4d5e6f-7a');
    expect(step.forward).toEqual([['ip', 'link', 'del', 'qvo3c4d5e6f-7a']]);
    expect(step.inverse).toEqual([
      [
        'ip',
        'link',
        'add',
        'qvo3c4d5e6f-7a',
        'type',
        'veth',
        'peer',
        'name',
        'qvb3c4d5e6f-7a',
        'netns',
        'instance-1',
      ],
      ['ip', 'link', 'set', 'dev', 'qvo3c4d5e6f-7a', 'address', 'c2:76:6d:9a:3b:5e', 'up'],
      [
        'ip',
        '-n',
        'instance-1',
        'link',
        'set',
        'dev',
        'qvb3c4d5e6f-7a',
        'address',
        'fa:16:3e:11:22:10',
        'up',
      ],
    ]);
    expect(p.steps.filter((s) => s.object.kind === 'link')).toHaveLength(1);
  });

  it('deletes a veth whose peer is unknown with an inverse that fails clearly, and warns', () => {
    const { plan: p } = edit('aio', (m) => removeLink(m, '', 'eth0'));
    const step = stepOf(p, '- veth root/eth0 ↔ ?');
    expect(step.forward).toEqual([['ip', 'link', 'del', 'eth0']]);
    expect(step.inverse).toEqual([
      [UNRESTORABLE, 'veth root/eth0: its peer is unknown, a rollback cannot re-create the pair'],
    ]);
    expect(p.warnings).toContainEqual(
      expect.objectContaining({ code: 'IRREVERSIBLE', objects: ['link:/eth0'] }),
    );
  });

  it('refuses to delete one end of a veth while the desired model keeps the other', () => {
    const { plan: p } = edit('aio', (m) => removeLink(m, 'instance-1', 'qvb3c4d5e6f-7a'));
    expect(p.steps.filter((s) => s.object.kind === 'link')).toEqual([]);
    expect(p.warnings).toContainEqual(
      expect.objectContaining({
        code: 'UNPLANNABLE',
        objects: ['link:instance-1/qvb3c4d5e6f-7a', 'link:/qvo3c4d5e6f-7a'],
      }),
    );
  });

  it('moves a link between namespaces (root ↔ named) and sets it up again on arrival', () => {
    const into = edit('kvm', (m) => {
      const l = link(m, '', 'uplink1');
      removeLink(m, '', 'uplink1');
      ns(m, 'vm-web').links.push({ ...l, id: 'link:vm-web/uplink1', addresses: [] });
    }).plan;
    expect(stepOf(into, '~ link uplink1 root → vm-web')).toMatchObject({
      phase: 'kernel',
      action: 'change',
      object: { kind: 'link', id: 'link:vm-web/uplink1' },
      forward: [
        ['ip', 'link', 'set', 'dev', 'uplink1', 'netns', 'vm-web'],
        ['ip', '-n', 'vm-web', 'link', 'set', 'dev', 'uplink1', 'up'],
      ],
      inverse: [
        ['ip', '-n', 'vm-web', 'link', 'set', 'dev', 'uplink1', 'down'],
        ['ip', '-n', 'vm-web', 'link', 'set', 'dev', 'uplink1', 'netns', ROOT_NETNS_PID],
        ['ip', 'link', 'set', 'dev', 'uplink1', 'up'],
      ],
    });
    const out = edit('kvm', (m) => {
      const l = link(m, 'vm-web', 'eth0');
      removeLink(m, 'vm-web', 'eth0');
      ns(m, '').links.push({ ...l, id: 'link:/eth0x', name: 'eth0x' });
    }).plan;
    // A different name is not a move.
    expect(texts(out).some((t) => t.startsWith('~ link'))).toBe(false);
  });

  it('changes up, mtu and MAC with one ip link set, the inverse restoring them', () => {
    const { plan: p } = edit('kvm', (m) => {
      const l = link(m, 'vm-web', 'eth0');
      l.mtu = 9000;
      l.mac = '02:00:00:00:00:01';
      l.flags = l.flags.filter((f) => f !== 'UP');
    });
    expect(p.steps).toEqual([
      expect.objectContaining({
        phase: 'kernel',
        action: 'change',
        text: '~ link vm-web/eth0 mac 52:54:00:6b:3c:01 → 02:00:00:00:00:01, mtu 1500 → 9000, up true → false',
        forward: [
          [
            'ip',
            '-n',
            'vm-web',
            'link',
            'set',
            'dev',
            'eth0',
            'address',
            '02:00:00:00:00:01',
            'mtu',
            '9000',
            'down',
          ],
        ],
        inverse: [
          [
            'ip',
            '-n',
            'vm-web',
            'link',
            'set',
            'dev',
            'eth0',
            'address',
            '52:54:00:6b:3c:01',
            'mtu',
            '1500',
            'up',
          ],
        ],
      }),
    ]);
  });

  it('creates and deletes a dummy device; refuses to delete a physical one', () => {
    const add = edit('kvm', (m) => {
      ns(m, 'vm-web').links.push(
        newLink('vm-web', 'd0', { kind: 'dummy', flags: ['BROADCAST', 'NOARP', 'UP'] }),
      );
    }).plan;
    expect(add.steps[0]).toMatchObject({
      text: '+ link vm-web/d0 dummy up',
      forward: [
        ['ip', '-n', 'vm-web', 'link', 'add', 'd0', 'type', 'dummy'],
        ['ip', '-n', 'vm-web', 'link', 'set', 'dev', 'd0', 'up'],
      ],
      inverse: [['ip', '-n', 'vm-web', 'link', 'del', 'd0']],
    });
    const physical = edit('kvm', (m) => {
      ns(m, 'vm-web').links.push(newLink('vm-web', 'eno1', { kind: 'device' }));
    });
    const del = plan(physical.desired, physical.current);
    expect(del.steps).toEqual([]);
    expect(del.warnings).toEqual([
      expect.objectContaining({ code: 'UNPLANNABLE', objects: ['link:vm-web/eno1'] }),
    ]);
  });

  it('adds and deletes addresses, with -n only for a named namespace', () => {
    const { plan: p } = edit('kvm', (m) => {
      link(m, '', 'uplink0').addresses.push(newAddress4('', 'uplink0', '10.1.0.1/24'));
      link(m, 'vm-web', 'eth0').addresses = link(m, 'vm-web', 'eth0').addresses.filter(
        (a) => a.local !== '192.0.2.21',
      );
    });
    expect(p.steps.map((s) => ({ text: s.text, forward: s.forward, inverse: s.inverse }))).toEqual([
      {
        text: '- address vm-web/eth0 192.0.2.21/24',
        forward: [['ip', '-n', 'vm-web', 'addr', 'del', '192.0.2.21/24', 'dev', 'eth0']],
        inverse: [['ip', '-n', 'vm-web', 'addr', 'add', '192.0.2.21/24', 'dev', 'eth0']],
      },
      {
        text: '+ address root/uplink0 10.1.0.1/24',
        forward: [['ip', 'addr', 'add', '10.1.0.1/24', 'dev', 'uplink0']],
        inverse: [['ip', 'addr', 'del', '10.1.0.1/24', 'dev', 'uplink0']],
      },
    ]);
  });

  it('adds, deletes and replaces routes with only the parts they have (table main left out)', () => {
    const { plan: p } = edit('kvm', (m) => {
      const router = ns(m, 'vm-router');
      router.routes.push(
        {
          id: routeId('vm-router', '100', 'inet', '10.2.0.0/16', 50),
          family: 'inet',
          table: '100',
          type: 'unicast',
          dst: '10.2.0.0/16',
          gateway: '198.51.100.2',
          dev: 'eth0',
          metric: 50,
          protocol: 'boot',
          flags: [],
        },
        {
          id: routeId('vm-router', 'main', 'inet6', '2001:db8::/32', 1024),
          family: 'inet6',
          table: 'main',
          type: 'blackhole',
          dst: '2001:db8::/32',
          metric: 1024,
          protocol: 'boot',
          flags: [],
        },
      );
      router.routes = router.routes.filter((r) => r.id !== 'route:vm-router/200/inet/default');
      const web = ns(m, 'vm-web').routes.find((r) => r.dst === 'default');
      if (web) web.gateway = '192.0.2.254';
    });
    const steps = p.steps.map((s) => ({
      text: s.text,
      action: s.action,
      forward: s.forward,
      inverse: s.inverse,
    }));
    expect(steps).toEqual([
      {
        text: '- route vm-router table 200 default via 198.51.100.130 dev wan0',
        action: 'remove',
        forward: [
          [
            'ip',
            '-n',
            'vm-router',
            'route',
            'del',
            'default',
            'via',
            '198.51.100.130',
            'dev',
            'wan0',
            'table',
            '200',
          ],
        ],
        inverse: [
          [
            'ip',
            '-n',
            'vm-router',
            'route',
            'add',
            'default',
            'via',
            '198.51.100.130',
            'dev',
            'wan0',
            'table',
            '200',
          ],
        ],
      },
      {
        text: '+ route vm-router table 100 10.2.0.0/16 via 198.51.100.2 dev eth0 metric 50',
        action: 'add',
        forward: [
          [
            'ip',
            '-n',
            'vm-router',
            'route',
            'add',
            '10.2.0.0/16',
            'via',
            '198.51.100.2',
            'dev',
            'eth0',
            'metric',
            '50',
            'table',
            '100',
          ],
        ],
        inverse: [
          [
            'ip',
            '-n',
            'vm-router',
            'route',
            'del',
            '10.2.0.0/16',
            'via',
            '198.51.100.2',
            'dev',
            'eth0',
            'metric',
            '50',
            'table',
            '100',
          ],
        ],
      },
      {
        text: '+ route vm-router blackhole 2001:db8::/32 metric 1024',
        action: 'add',
        forward: [
          ['ip', '-n', 'vm-router', '-6', 'route', 'add', 'blackhole', '2001:db8::/32', 'metric', '1024'],
        ],
        inverse: [
          ['ip', '-n', 'vm-router', '-6', 'route', 'del', 'blackhole', '2001:db8::/32', 'metric', '1024'],
        ],
      },
      {
        text: '~ route vm-web default via 192.0.2.1 dev eth0 via 192.0.2.1 → 192.0.2.254',
        action: 'change',
        forward: [['ip', '-n', 'vm-web', 'route', 'replace', 'default', 'via', '192.0.2.254', 'dev', 'eth0']],
        inverse: [['ip', '-n', 'vm-web', 'route', 'replace', 'default', 'via', '192.0.2.1', 'dev', 'eth0']],
      },
    ]);
  });

  it('does not plan policy rules: an UNPLANNABLE warning names them', () => {
    const { plan: p } = edit('kvm', (m) => {
      ns(m, 'vm-router').rules = ns(m, 'vm-router').rules.filter((r) => r.priority !== 1100);
    });
    expect(p.steps).toEqual([]);
    expect(p.warnings).toEqual([
      {
        code: 'UNPLANNABLE',
        message: '1 policy routing rule change: ip rule is not planned yet',
        objects: ['rule:vm-router/inet/1100/200'],
      },
    ]);
  });
});

function withNs(m: HostModel, name: string): HostModel {
  m.namespaces.push(newNamespace(name));
  return m;
}

describe('plan: order', () => {
  /** One plan exercising every group: kvm host, new namespace with a veth into OVS and an internal port. */
  const big = () =>
    edit('kvm', (m) => {
      m.namespaces.push(newNamespace('blue'));
      // A veth whose root end becomes a system port, its other end in the new namespace with an address.
      ns(m, '').links.push(newLink('', 'vb-root', { link: 'vb-ns' }));
      const inner = newLink('blue', 'vb-ns', { link: 'vb-root', flags: ['BROADCAST', 'MULTICAST', 'UP'] });
      inner.addresses.push(newAddress4('blue', 'vb-ns', '10.3.0.2/24'));
      ns(m, 'blue').links.push(inner);
      ns(m, 'blue').routes.push(newRoute4('blue', 'default', '10.3.0.1', 'vb-ns'));
      addPort(m, 'ovsbr0', 'vb-root', { type: 'system' });
      // An internal port moved into the new namespace.
      addPort(m, 'ovsbr0', 'p7', { type: 'internal' });
      ns(m, 'blue').links.push(newLink('blue', 'p7', { kind: 'tun', tunType: 'tap', flags: ['UP'] }));
      link(m, 'blue', 'p7').addresses.push(newAddress4('blue', 'p7', '10.4.0.1/24'));
      bridge(m, 'ovsbr0').flows?.push(newFlow('ovsbr0', 0, 30, [['in_port', 'p7']], 'output:vb-root'));
      // Removals: vnet0's port, its flows, vm-web's address and route.
      removePort(m, 'vnet0');
      link(m, 'vm-web', 'eth0').addresses = [];
      ns(m, 'vm-web').routes = [];
    });

  it('numbers steps 0…k and keeps the OVSDB steps together', () => {
    const { plan: p } = big();
    expect(p.steps.map((s) => s.n)).toEqual(p.steps.map((_s, i) => i));
    const ovsdb = p.steps.filter((s) => s.phase === 'ovsdb').map((s) => s.n);
    expect(ovsdb.length).toBeGreaterThan(0);
    expect(ovsdb.at(-1)).toBe((ovsdb[0] ?? 0) + ovsdb.length - 1);
  });

  it('runs namespaces → links → OVSDB → internal ports into namespaces → addresses → routes → flows; removals in reverse', () => {
    const { plan: p } = big();
    const at = (text: string | RegExp) => stepOf(p, text).n;
    expect(texts(p)).toEqual([
      '- route vm-web default via 192.0.2.1 dev eth0',
      '- address vm-web/eth0 192.0.2.21/24',
      '+ namespace blue',
      '+ veth root/vb-root ↔ blue/vb-ns up',
      '- port ovsbr0/vnet0 tag=10',
      '+ port ovsbr0/p7 internal',
      '+ port ovsbr0/vb-root',
      '+ link blue/p7 (made by OVS) up',
      '+ address blue/p7 10.4.0.1/24',
      '+ address blue/vb-ns 10.3.0.2/24',
      '+ route blue default via 10.3.0.1 dev vb-ns',
      '+ flow ovsbr0 table=0 priority=30 in_port=p7 actions=output:vb-root',
    ]);
    expect(at('+ namespace blue')).toBeLessThan(at(/^\+ veth/));
    expect(at(/^\+ veth/)).toBeLessThan(at('+ port ovsbr0/vb-root'));
    expect(at('+ port ovsbr0/p7 internal')).toBeLessThan(at('+ link blue/p7 (made by OVS) up'));
    expect(stepOf(p, '+ link blue/p7 (made by OVS) up').forward).toEqual([
      ['ip', 'link', 'set', 'dev', 'p7', 'netns', 'blue'],
      ['ip', '-n', 'blue', 'link', 'set', 'dev', 'p7', 'up'],
    ]);
  });

  it('removes flows before the ports they name, routes before addresses before links before namespaces', () => {
    const { current, desired } = big();
    const back = plan(desired, current);
    const order = texts(back);
    const idx = (prefix: string) => order.findIndex((t) => t.startsWith(prefix));
    expect(idx('- flow ovsbr0')).toBeLessThan(idx('- port ovsbr0/p7'));
    expect(idx('- route blue')).toBeLessThan(idx('- address blue'));
    expect(idx('- address blue/p7')).toBeLessThan(idx('- link blue/p7'));
    expect(idx('- link blue/p7')).toBeLessThan(idx('- port ovsbr0/p7'));
    expect(idx('- port ovsbr0/vb-root')).toBeLessThan(idx('- veth'));
    expect(idx('- veth')).toBeLessThan(idx('- namespace blue'));
    expect(idx('+ port ovsbr0/vnet0')).toBeGreaterThan(-1);
  });
});

describe('plan: warnings', () => {
  it('FLOW_NAMES_REMOVED_PORT: a kept flow names a port the plan removes', () => {
    const { plan: p } = edit('kvm', (m) => removePort(m, 'vnet2'));
    expect(p.warnings).toEqual([
      {
        code: 'FLOW_NAMES_REMOVED_PORT',
        message:
          'flow ovsbr0 table=0 priority=20 in_port=vnet2,vlan_tci=0x0000/0x1fff actions=mod_vlan_vid:30,NORMAL names port vnet2, which the plan removes',
        objects: ['flow:ovsbr0/0/20/in_port=vnet2,vlan_tci=0x0000/0x1fff', 'port:ovsbr0/vnet2'],
      },
    ]);
  });

  it('FLOW_NAMES_REMOVED_PORT: an added flow outputs to a removed port', () => {
    const { plan: p } = edit('aio', (m) => {
      removePort(m, 'eth1');
      bridge(m, 'br-ex').flows?.push(newFlow('br-ex', 1, 5, [], 'output:eth1'));
    });
    expect(p.warnings.map((w) => [w.code, w.objects])).toEqual([
      ['FLOW_NAMES_REMOVED_PORT', ['flow:br-ex/1/5/', 'port:br-ex/eth1']],
    ]);
  });

  it('DELETES_NAMESPACE_WITH_LINKS counts the links other than lo', () => {
    const { plan: p } = edit('kvm', (m) => {
      m.namespaces = m.namespaces.filter((n) => n.name !== 'switch');
      removeLink(m, '', 'uplink0');
      removeLink(m, '', 'uplink1');
      removeLink(m, 'vm-router', 'wan0');
    });
    expect(p.warnings.find((w) => w.code === 'DELETES_NAMESPACE_WITH_LINKS')).toEqual({
      code: 'DELETES_NAMESPACE_WITH_LINKS',
      message:
        'deleting namespace switch deletes its 3 links (veths with their peers; physical devices go back to the root namespace): swp1, swp2, wan0-peer',
      objects: ['ns:switch', 'link:switch/swp1', 'link:switch/swp2', 'link:switch/wan0-peer'],
    });
    // The rules of the deleted namespace go with it: no UNPLANNABLE for them.
    expect(p.warnings.filter((w) => w.code === 'UNPLANNABLE')).toEqual([]);
    expect(texts(p).at(-1)).toBe('- namespace switch');
  });
});

describe('plan: JSON fields', () => {
  it('lists graph elements: objects themselves, flows as their bridge, addresses as their link', () => {
    const { plan: p } = edit('aio', (m) => {
      addPort(m, 'br-int', 'p5');
      removePort(m, 'eth1');
      port(m, 'qvo3c4d5e6f-7a').tag = 3;
      const br = bridge(m, 'br-ex');
      br.flows = (br.flows ?? []).filter((f) => f.priority !== 2);
      link(m, 'instance-1', 'qvb3c4d5e6f-7a').addresses = [];
    });
    expect(p.elements).toEqual({
      added: ['aio|port:br-int/p5', 'aio|iface:p5'],
      removed: ['aio|port:br-ex/eth1', 'aio|iface:eth1'],
      changed: [
        'aio|br:br-ex',
        'aio|port:br-int/qvo3c4d5e6f-7a',
        'aio|link:instance-1/qvb3c4d5e6f-7a',
      ].sort(),
    });
  });

  it('carries the diff it was made from', () => {
    const { current, desired, plan: p } = edit('kvm', (m) => addPort(m, 'ovsbr0', 'p1'));
    expect(p.diff).toEqual(diffModels(current, desired));
  });
});
