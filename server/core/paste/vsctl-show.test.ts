import { describe, expect, it } from 'vitest';
import { pasteFixture } from './fixtures.test-helper';
import { splitPaste } from './split';
import { parseVsctlShow } from './vsctl-show';

const MODERN = `8d0ee3b4-1a2b-4c3d-8e9f-0a1b2c3d4e5f
    Manager "ptcp:6640:127.0.0.1"
        is_connected: true
    Bridge br-tun
        Controller "tcp:127.0.0.1:6633"
            is_connected: true
        fail_mode: secure
        datapath_type: system
        Port br-tun
            Interface br-tun
                type: internal
        Port vxlan-c0a80002
            Interface vxlan-c0a80002
                type: vxlan
                options: {df_default="true", egress_pkt_mark="0", in_key=flow, local_ip="192.168.0.1", out_key=flow, remote_ip="192.168.0.2"}
        Port patch-int
            Interface patch-int
                type: patch
                options: {peer=patch-tun}
                error: "could not add network device patch-int to ofproto (File exists)"
    Bridge br-vlan
        Port bond0
            trunks: [100, 200, 300]
            Interface eth2
            Interface eth3
        Port "vm port"
            tag: 100
            Interface "vm port"
                bfd_status: {state=up}
    ovs_version: "2.17.9"`;

describe('parseVsctlShow', () => {
  it('reads the OVS 2.1 listing the article quotes: quoted names, indented, no uuid line', () => {
    const [section] = splitPaste(pasteFixture('article-br-ex.txt'));
    const { ovs, errors } = parseVsctlShow(section?.text ?? '');
    expect(errors).toEqual([]);
    expect(ovs?.system).toMatchObject({ uuid: '', ovsVersion: '2.1.3' });
    expect(ovs?.bridges.map((b) => [b.id, b.failMode, b.datapathType, b.ports.length, b.flows])).toEqual([
      ['br:br-int', 'secure', 'system', 6, null],
      ['br:br-ex', null, 'system', 3, null],
    ]);
    expect(ovs?.ports.map((p) => [p.id, p.tag, p.interfaces])).toEqual([
      ['port:br-int/foo', 4, ['iface:foo']],
      ['port:br-int/bar', 3, ['iface:bar']],
      ['port:br-int/jack', 1, ['iface:jack']],
      ['port:br-int/jill', 2, ['iface:jill']],
      ['port:br-int/br-int', null, ['iface:br-int']],
      ['port:br-int/int-br-ex', null, ['iface:int-br-ex']],
      ['port:br-ex/enp2s0', null, ['iface:enp2s0']],
      ['port:br-ex/phy-br-ex', null, ['iface:phy-br-ex']],
      ['port:br-ex/br-ex', null, ['iface:br-ex']],
    ]);
    const iface = (name: string) => ovs?.interfaces.find((i) => i.name === name);
    expect(iface('jack')).toMatchObject({
      type: 'system',
      port: 'port:br-int/jack',
      bridge: 'br-int',
      ofport: null,
    });
    expect(iface('int-br-ex')).toMatchObject({ type: 'patch', options: { peer: 'phy-br-ex' } });
    expect(iface('phy-br-ex')).toMatchObject({
      type: 'patch',
      options: { peer: 'int-br-ex' },
      bridge: 'br-ex',
    });
  });

  it('reads controllers, managers, tunnels, errors, trunks and bonds; skips columns it does not model', () => {
    const { ovs, errors } = parseVsctlShow(MODERN);
    expect(errors).toEqual([]);
    expect(ovs?.system).toMatchObject({ uuid: '8d0ee3b4-1a2b-4c3d-8e9f-0a1b2c3d4e5f', ovsVersion: '2.17.9' });
    const [tun, vlan] = ovs?.bridges ?? [];
    expect(tun).toMatchObject({
      name: 'br-tun',
      failMode: 'secure',
      datapathType: 'system',
      controllers: [
        { uuid: '', target: 'tcp:127.0.0.1:6633', isConnected: true, connectionMode: null, role: null },
      ],
    });
    expect(vlan?.controllers).toEqual([]);
    const iface = (name: string) => ovs?.interfaces.find((i) => i.name === name);
    expect(iface('vxlan-c0a80002')?.options).toEqual({
      df_default: 'true',
      egress_pkt_mark: '0',
      in_key: 'flow',
      local_ip: '192.168.0.1',
      out_key: 'flow',
      remote_ip: '192.168.0.2',
    });
    expect(iface('patch-int')?.error).toBe('could not add network device patch-int to ofproto (File exists)');
    const bond = ovs?.ports.find((p) => p.name === 'bond0');
    expect(bond).toMatchObject({
      trunks: [100, 200, 300],
      tag: null,
      interfaces: ['iface:eth2', 'iface:eth3'],
    });
    expect(iface('eth3')).toMatchObject({ port: 'port:br-vlan/bond0', bridge: 'br-vlan' });
    expect(ovs?.ports.find((p) => p.name === 'vm port')).toMatchObject({
      id: 'port:br-vlan/vm port',
      tag: 100,
    });
    expect(iface('vm port')).toMatchObject({ type: 'system', status: {}, externalIds: {} });
  });

  it('reads a listing whose indentation was flattened by rows and columns alone', () => {
    const flat = MODERN.split('\n')
      .map((l) => l.trim())
      .join('\n');
    expect(parseVsctlShow(flat)).toEqual(parseVsctlShow(MODERN));
  });

  it('reads the lab host (OVS 3.1): netdev datapath, unquoted names', () => {
    const [section] = splitPaste(pasteFixture('lab-openstack-aio.txt'));
    const { ovs, errors } = parseVsctlShow(section?.text ?? '');
    expect(errors).toEqual([]);
    expect(ovs?.bridges.map((b) => [b.name, b.datapathType, b.failMode])).toEqual([
      ['br-ex', 'netdev', null],
      ['br-int', 'netdev', 'secure'],
    ]);
    expect(ovs?.interfaces).toHaveLength(10);
  });

  it("returns ovs-vsctl's own error, and no OVS state, when it could not reach the database", () => {
    expect(
      parseVsctlShow(
        'ovs-vsctl: unix:/var/run/openvswitch/db.sock: database connection failed (No such file or directory)',
      ),
    ).toEqual({
      ovs: null,
      errors: [
        'ovs-vsctl: unix:/var/run/openvswitch/db.sock: database connection failed (No such file or directory)',
      ],
    });
    expect(parseVsctlShow('')).toEqual({ ovs: null, errors: ['no output'] });
  });

  it('reports rows outside their parent and lines that are not show output, and reads the rest', () => {
    const { ovs, errors } = parseVsctlShow(
      [
        'Port "int-br-ex"',
        '    Interface "int-br-ex"',
        'Bridge br-ex',
        '    Port eth1',
        '        Interface eth1',
        '!!!',
      ].join('\n'),
    );
    expect(errors).toEqual(['Port int-br-ex is outside a Bridge', 'not ovs-vsctl show output: !!!']);
    expect(ovs?.interfaces.map((i) => i.id)).toEqual(['iface:eth1']);
  });
});
