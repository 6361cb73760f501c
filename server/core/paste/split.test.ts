import { describe, expect, it } from 'vitest';
import { pasteFixture } from './fixtures.test-helper';
import { splitPaste } from './split';

const kinds = (paste: string) =>
  splitPaste(paste).map((s) => [s.line, s.command.kind, s.command.bridge ?? null, s.command.namespace]);

describe('splitPaste: prompts', () => {
  it.each([
    ['# ovs-vsctl show'],
    ['$ ovs-vsctl show'],
    ['root@compute-1:~# ovs-vsctl show'],
    ['stack@devstack:~/devstack$ sudo ovs-vsctl show'],
    ['[root@node1 ~]# ovs-vsctl show'],
    ['(venv) [heat-admin@overcloud-controller-0 ~]$ sudo ovs-vsctl show'],
    ['sh-4.2# ovs-vsctl show'],
    ['    # ovs-vsctl show'],
  ])('%s', (prompt) => {
    const [section, ...rest] = splitPaste(
      `${prompt}\n8d0ee3b4-1a2b-4c3d-8e9f-0a1b2c3d4e5f\n    ovs_version: "2.17.9"`,
    );
    expect(rest).toEqual([]);
    expect(section).toMatchObject({
      command: { kind: 'ovs-vsctl show' },
      line: 1,
      text: '8d0ee3b4-1a2b-4c3d-8e9f-0a1b2c3d4e5f\n    ovs_version: "2.17.9"',
    });
  });

  it('splits several outputs by their prompts, whatever the prompt style', () => {
    const paste = pasteFixture('lab-openstack-aio.txt');
    expect(kinds(paste)).toEqual([
      [1, 'ovs-vsctl show', null, ''],
      [42, 'ovs-ofctl show', 'br-ex', ''],
      [66, 'ovs-ofctl dump-flows', 'br-ex', ''],
      [72, 'ovs-ofctl show', 'br-int', ''],
      [105, 'ovs-ofctl dump-flows', 'br-int', ''],
      [110, 'ip address', null, ''],
      [141, 'ip route', null, ''],
      [143, 'ip netns', null, ''],
      [149, 'ip address', null, 'qrouter-8c1f6a0e-3d2b-4e5f-9a7c-1b2d3e4f5a6b'],
      [168, 'ip route', null, 'qrouter-8c1f6a0e-3d2b-4e5f-9a7c-1b2d3e4f5a6b'],
      [172, 'ip route', null, 'qrouter-8c1f6a0e-3d2b-4e5f-9a7c-1b2d3e4f5a6b'],
    ]);
  });

  it('reads CRLF, non-breaking spaces and quoted replies like plain text', () => {
    const plain =
      '# ip route\ndefault via 10.0.0.1 dev eth0\n10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.5';
    const mangled = `> ${plain.replaceAll('\n', '\r\n> ').replaceAll(' dev', '\u00a0dev')}\r\n`;
    expect(splitPaste(mangled)).toEqual(splitPaste(plain));
  });

  it('leaves `# remark` lines out and keeps the output around them together', () => {
    const paste = [
      '# ovs-vsctl show',
      '    Bridge br-int',
      '        # br-int',
      '        Port br-int',
      '            Interface br-int',
    ];
    const [section, ...rest] = splitPaste(paste.join('\n'));
    expect(rest).toEqual([]);
    expect(section?.text).toBe('Bridge br-int\n    Port br-int\n        Interface br-int');
  });

  it('ends an output at its first line that cannot belong to it; the rest is read by shape', () => {
    const paste = [
      '# ip route',
      'default via 10.0.0.1 dev eth0',
      'Hope this helps!',
      '```',
      '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000',
      '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
    ].join('\n');
    expect(splitPaste(paste).map((s) => [s.line, s.command.kind, s.command.typed, s.text])).toEqual([
      [1, 'ip route', 'ip route', 'default via 10.0.0.1 dev eth0'],
      [3, null, null, 'Hope this helps!\n```'],
      [
        5,
        'ip link',
        null,
        '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
      ],
    ]);
  });

  it('keeps a command error message with its command', () => {
    const [section] = splitPaste(
      '# ovs-ofctl dump-flows br-foo\novs-ofctl: br-foo is not a bridge or a socket\n',
    );
    expect(section).toMatchObject({
      command: { kind: 'ovs-ofctl dump-flows', bridge: 'br-foo' },
      text: 'ovs-ofctl: br-foo is not a bridge or a socket',
    });
  });

  it('runs commands typed in an `ip netns exec NS bash` shell in NS, until exit', () => {
    const paste = [
      '# ip netns exec qrouter-1 /bin/bash',
      '# ip route show',
      'default via 203.0.113.1 dev qg-1',
      '# exit',
      '# ip route',
      'default via 10.0.0.1 dev eth0',
    ].join('\n');
    expect(kinds(paste)).toEqual([
      [2, 'ip route', null, 'qrouter-1'],
      [5, 'ip route', null, ''],
    ]);
  });

  it('reports a command it does not read only when the command printed something', () => {
    const paste =
      '# ovs-vsctl add-port br-ex eth1\n# neutron router-list\n| id | name |\n# ip netns\nqrouter-1 (id: 0)';
    expect(
      splitPaste(paste).map((s) => [s.line, s.command.tool, s.command.kind, s.command.unsupported]),
    ).toEqual([
      [2, 'neutron', null, 'neutron output is not read'],
      [4, 'ip', 'ip netns', undefined],
    ]);
  });
});

describe('splitPaste: outputs without a prompt', () => {
  it('recognises each output by its shape, back to back', () => {
    const paste = [
      '    Bridge br-ex',
      '        Port phy-br-ex',
      '            Interface phy-br-ex',
      '                type: patch',
      '    ovs_version: "2.1.3"',
      'NXST_FLOW reply (xid=0x4):',
      ' cookie=0x0, duration=1.5s, table=0, n_packets=0, n_bytes=0, priority=1 actions=NORMAL',
      'OFPT_FEATURES_REPLY (xid=0x2): dpid:0000a0369f1e3a4c',
      ' 1(enp2s0): addr:a0:36:9f:1e:3a:4c',
      '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000',
      '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
      '    inet 127.0.0.1/8 scope host lo',
      'default via 10.0.0.1 dev eth0 proto dhcp metric 100',
      '10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.5 metric 100',
      'qrouter-1 (id: 0)',
      'qdhcp-2',
      '[{"dst":"default","gateway":"10.0.0.1","dev":"eth0","flags":[]}]',
      '[{"name":"qrouter-1","id":0}]',
      '[{"ifindex":1,"ifname":"lo","flags":["LOOPBACK"],"mtu":65536,"addr_info":[]}]',
    ].join('\n');
    expect(splitPaste(paste).map((s) => [s.line, s.command.kind, s.command.json, s.command.typed])).toEqual([
      [1, 'ovs-vsctl show', false, null],
      [6, 'ovs-ofctl dump-flows', false, null],
      [8, 'ovs-ofctl show', false, null],
      [10, 'ip address', false, null],
      [13, 'ip route', false, null],
      [15, 'ip netns', false, null],
      [17, 'ip route', true, null],
      [18, 'ip netns', true, null],
      [19, 'ip address', true, null],
    ]);
  });

  it('dedents each output and drops blank, fence and ellipsis lines around it', () => {
    const paste =
      '```\n\n        default via 10.0.0.1 dev eth0\n          nexthop via 10.0.0.2 dev eth1\n...\n```';
    expect(splitPaste(paste).map((s) => s.text)).toEqual([
      'default via 10.0.0.1 dev eth0\n  nexthop via 10.0.0.2 dev eth1',
    ]);
  });

  it('gives text it cannot place a section of its own', () => {
    expect(splitPaste('some words\nmore words').map((s) => [s.line, s.command.kind, s.text])).toEqual([
      [1, null, 'some words\nmore words'],
    ]);
  });
});
