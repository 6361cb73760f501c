import { describe, expect, it } from 'vitest';
import { ofportNames, portLabel } from '../flows/port-names';
import { toElements } from '../graph';
import { lintHost } from '../lint';
import { HostModel } from '../model/schema';
import { describeVlanRewrite, patchPairs, vlanRewrites } from '../relations';
import { modelFromPaste } from './build';
import { pasteFixture } from './fixtures.test-helper';

const NOW = new Date('2024-05-01T12:00:00Z');
const paste = (text: string, host?: string) => modelFromPaste(text, { now: NOW, ...(host ? { host } : {}) });
const ARTICLE = pasteFixture('article-br-ex.txt');
const OFCTL_SHOW = pasteFixture('ofctl-show-br-ex.txt');
const LAB = pasteFixture('lab-openstack-aio.txt');

describe('modelFromPaste: the article (issue 12)', () => {
  it('pairs int-br-ex with phy-br-ex and finds the VLAN 1 strip on br-ex', () => {
    const { model, sections } = paste(ARTICLE);
    expect(sections.map((s) => [s.line, s.command.kind, s.recognised, s.error])).toEqual([
      [1, 'ovs-vsctl show', true, undefined],
      [37, 'ovs-ofctl dump-flows', true, undefined],
    ]);
    expect(patchPairs(model)).toEqual([
      {
        id: 'patch:iface:int-br-ex|iface:phy-br-ex',
        a: 'iface:int-br-ex',
        b: 'iface:phy-br-ex',
        status: 'ok',
      },
    ]);
    const rewrites = vlanRewrites(model);
    expect(rewrites.map((r) => [r.bridge, r.inPort, describeVlanRewrite(r), r.priority])).toEqual([
      ['br-ex', '2', 'VLAN 1 → untagged', 4],
    ]);
  });

  it('is a valid, partial model: what the paste carries, nothing invented', () => {
    const { model } = paste(ARTICLE, 'ticket-4711');
    expect(HostModel.safeParse(model).success).toBe(true);
    expect(model).toMatchObject({
      host: 'ticket-4711',
      hostname: null,
      collectedAt: '2024-05-01T12:00:00.000Z',
      origin: { kind: 'paste', parts: ['ovs-vsctl show', 'ovs-ofctl dump-flows br-ex'] },
      errors: [],
    });
    expect(model.vms).toBeUndefined();
    expect(model.namespaces).toEqual([
      { id: 'ns:', name: '', isRoot: true, netnsid: null, peers: [], links: [], routes: [], rules: [] },
    ]);
    const [brInt, brEx] = model.ovs?.bridges ?? [];
    expect(brInt).toMatchObject({ uuid: '', flows: null });
    expect(brInt?.flowsError).toBe('not in the paste; add the output of "ovs-ofctl dump-flows br-int"');
    expect(brEx?.flows?.map((f) => f.raw)).toHaveLength(3);
    expect(model.ovs?.interfaces.every((i) => i.ofport === null && i.macInUse === null)).toBe(true);
  });

  it('with ovs-ofctl show br-ex, names in_port=2 phy-br-ex the way the inspector and the graph do', () => {
    const { model } = paste(`${ARTICLE}\n${OFCTL_SHOW}`);
    const names = ofportNames(model, 'br-ex');
    expect([...names]).toEqual([
      ['1', 'enp2s0'],
      ['2', 'phy-br-ex'],
      ['65534', 'br-ex'],
    ]);
    const strip = model.ovs?.bridges[1]?.flows?.find((f) => f.priority === 4);
    expect(strip?.inPort).toBe('2');
    expect(portLabel(strip?.inPort ?? '', names)).toBe('phy-br-ex');
    // The graph draws the rewrite on the port the traffic enters through (before the VLANs br-ex
    // drops there: br-int's others).
    const port = toElements([model]).find((e) => e.data.modelId === 'port:br-ex/phy-br-ex');
    expect(port?.data).toMatchObject({ rewrite: 'VLAN 1 → untagged\nVLAN 2,3,4 → dropped' });
    expect(model.ovs?.bridges[1]?.datapathId).toBe('0000a0369f1e3a4c');
  });

  it('gives pasted flows the ids --names output gives them once the port numbers are known', () => {
    const named = paste(
      ARTICLE.replaceAll('in_port=2', 'in_port=phy-br-ex')
        .split('\n')
        .filter((l) => !l.includes('NXST'))
        .join('\n'),
    );
    const numbered = paste(`${ARTICLE}\n${OFCTL_SHOW}`);
    const ids = (m: HostModel) => m.ovs?.bridges.find((b) => b.name === 'br-ex')?.flows?.map((f) => f.id);
    expect(ids(numbered.model)).toEqual(ids(named.model));
    // Without the numbers, the id is that of the match as printed.
    expect(ids(paste(ARTICLE).model)).not.toEqual(ids(named.model));
  });

  it('is drawn and linted like any model', () => {
    const { model } = paste(`${ARTICLE}\n${OFCTL_SHOW}`);
    const elements = toElements([model]);
    expect(elements.filter((e) => e.data.kind === 'bridge').map((e) => e.data.label)).toEqual([
      'br-int',
      'br-ex',
    ]);
    expect(lintHost(model)).toEqual([]);
  });

  it('does not call in_port=2 unknown when the port numbers were not pasted', () => {
    const { model } = paste(ARTICLE);
    expect(lintHost(model).filter((f) => f.rule === 'flow-unknown-port')).toEqual([]);
  });
});

describe('modelFromPaste: a whole host', () => {
  it('reads every output of the lab host, namespaces included', () => {
    const { model, sections } = paste(LAB);
    expect(sections.every((s) => s.recognised && s.error === undefined)).toBe(true);
    expect(model.errors).toEqual([]);
    expect(HostModel.safeParse(model).success).toBe(true);
    expect(model.ovs?.system.ovsVersion).toBe('3.1.0');
    expect(model.namespaces.map((n) => [n.name, n.netnsid, n.links.length, n.routes.length])).toEqual([
      ['', null, 8, 1],
      ['outside', 3, 0, 0],
      ['instance-2', 2, 0, 0],
      ['instance-1', 1, 0, 0],
      ['qdhcp-2a9b8c7d-6e5f-4a3b-8c1d-0e9f8a7b6c5d', 5, 0, 0],
      ['qrouter-8c1f6a0e-3d2b-4e5f-9a7c-1b2d3e4f5a6b', 4, 3, 5],
    ]);
    // ip names eth1's peer namespace; `ip netns` says which nsid that is.
    const eth1 = model.namespaces[0]?.links.find((l) => l.name === 'eth1');
    expect(eth1).toMatchObject({ linkIndex: 2, linkNetnsid: 3 });
    expect(
      vlanRewrites(model).map(
        (r) => `${r.bridge} ${portLabel(r.inPort ?? '', ofportNames(model, r.bridge))}`,
      ),
    ).toEqual(['br-ex phy-br-ex', 'br-int int-br-ex']);
  });

  it('reads the same host from CRLF, indented, quoted text', () => {
    const mangled = LAB.split('\n')
      .map((l) => `>     ${l}`)
      .join('\r\n');
    expect(paste(mangled).model).toEqual(paste(LAB).model);
  });

  it('merges ip link, ip -d address and ip -json outputs of one namespace', () => {
    const json = pasteFixture('lab-openstack-aio-json.txt');
    const { model, sections } = paste(json);
    expect(sections.every((s) => s.recognised)).toBe(true);
    const root = model.namespaces[0];
    expect(root?.links.map((l) => `${l.name}:${l.kind}:${l.addresses.length}`)).toEqual([
      'lo:device:2',
      'eth0:veth:2',
      'qvo3c4d5e6f-7a:veth:1',
      'qvo9e8d7c6b-5a:veth:1',
      'eth1:veth:1',
      'ovs-netdev:tun:0',
      'br-int:tun:0',
      'br-ex:tun:0',
    ]);
    expect(new Set(root?.routes.map((r) => r.family))).toEqual(new Set(['inet', 'inet6']));
    expect(model.ovs).toBeNull();
  });

  it('puts ip netns exec and ip -n output in that namespace', () => {
    const text = [
      '# ip netns exec qdhcp-1 ip -4 route',
      'default via 192.0.2.1 dev tap1',
      '$ sudo ip -n qdhcp-1 -j addr',
      '[{"ifindex":7,"ifname":"tap1","flags":["UP"],"addr_info":[{"family":"inet","local":"192.0.2.2","prefixlen":24}]}]',
    ].join('\n');
    const { model } = paste(text);
    expect(model.namespaces.map((n) => n.name)).toEqual(['', 'qdhcp-1']);
    const ns = model.namespaces[1];
    expect(ns?.routes.map((r) => r.id)).toEqual(['route:qdhcp-1/main/inet/default']);
    expect(ns?.links[0]?.addresses.map((a) => a.id)).toEqual(['addr:qdhcp-1/tap1/192.0.2.2/24']);
    expect(model.origin?.parts).toEqual(['ip route qdhcp-1', 'ip address qdhcp-1']);
  });
});

describe('modelFromPaste: what it cannot read', () => {
  it('reports garbage in sections and errors, never throws, and still gives a valid model', () => {
    const { model, sections } = paste('hello there\n\u0000\u0001 binary junk {[(');
    expect(sections).toEqual([
      {
        command: expect.objectContaining({ typed: null, kind: null }),
        line: 1,
        recognised: false,
        error: 'not the output of a command Patchbay reads: "hello there"',
      },
    ]);
    expect(model.errors).toEqual([
      {
        part: 'paste',
        message: 'line 1: not the output of a command Patchbay reads: "hello there"',
        raw: 'hello there\n\u0000\u0001 binary junk {[(',
      },
    ]);
    expect(model.ovs).toBeNull();
    expect(HostModel.safeParse(model).success).toBe(true);
    expect(paste('').sections).toEqual([]);
  });

  it('names the command, the bridge and the line of each output it could not read', () => {
    const text = [
      '# ovs-ofctl dump-flows br-foo',
      'ovs-ofctl: br-foo is not a bridge or a socket',
      '# ovs-vsctl list bridge',
      '_uuid : 1234',
      'NXST_FLOW reply (xid=0x4):',
      ' cookie=0x0, duration=1.0s, table=0, n_packets=0, n_bytes=0, priority=0 actions=NORMAL',
      '# ip netns exec qr-1 ip route',
      'default via nowhere dev eth0',
    ].join('\n');
    const { model, sections } = paste(text);
    expect(sections.map((s) => [s.line, s.recognised, s.error])).toEqual([
      [1, false, 'ovs-ofctl: br-foo is not a bridge or a socket'],
      [3, false, 'ovs-vsctl list is not read; paste ovs-vsctl show'],
      [7, false, 'via needs an address, got "nowhere": default via nowhere dev eth0'],
    ]);
    expect(model.errors.map((e) => [e.part, e.arg, e.message])).toEqual([
      ['ovs-ofctl dump-flows', 'br-foo', 'line 1: ovs-ofctl: br-foo is not a bridge or a socket'],
      ['ovs-vsctl', undefined, 'line 3: ovs-vsctl list is not read; paste ovs-vsctl show'],
      ['ip route', 'qr-1', 'line 7: via needs an address, got "nowhere": default via nowhere dev eth0'],
    ]);
    expect(model.ovs?.bridges[0]).toMatchObject({
      name: 'br-foo',
      flows: null,
      flowsError: 'ovs-ofctl: br-foo is not a bridge or a socket',
    });
  });

  it('asks for the bridge of flows pasted without their command line', () => {
    const { model, sections } = paste(
      ' cookie=0x0, duration=1.0s, table=0, n_packets=0, n_bytes=0, priority=0 actions=NORMAL',
    );
    expect(sections[0]).toMatchObject({
      recognised: false,
      error: 'no bridge: paste the "ovs-ofctl dump-flows BRIDGE" line too',
    });
    expect(model.ovs).toBeNull();
  });

  it('makes no bridge of a dump-flows that printed nothing readable', () => {
    const { model, sections } = paste('# ovs-ofctl dump-flows br-x\n!!! not a flow');
    expect(sections[0]).toMatchObject({ recognised: false, error: 'not a flow: !!! not a flow' });
    expect(model.ovs).toBeNull();
  });

  it('reads what it can of an output and reports the rest', () => {
    const { model, sections } = paste(
      `${ARTICLE}\n # ovs-ofctl dump-flows br-int\n priority=1 actions=NORMAL\n in_port=1 nonsense\n priority=0 actions=drop`,
    );
    expect(sections[2]).toMatchObject({ recognised: true, error: 'not a flow: in_port=1 nonsense' });
    expect(model.ovs?.bridges[0]?.flows).toHaveLength(2);
    expect(model.errors).toMatchObject([{ part: 'ovs-ofctl dump-flows', arg: 'br-int' }]);
  });
});
