import { describe, expect, it } from 'vitest';
import { TracePacket, TraceRequest } from './request';

const issues = (value: unknown) => {
  const r = TraceRequest.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};
const packet = (extra: Record<string, unknown>) => ({
  bridge: 'br-int',
  packet: { in_port: 'p1', ...extra },
});

describe('TraceRequest', () => {
  it('takes a bridge and the packet’s fields', () => {
    expect(
      issues(packet({ protocol: 'tcp', nw_src: '192.0.2.1', tp_dst: 22, dl_vlan: 1, dl_vlan_pcp: 3 })),
    ).toEqual([]);
    expect(issues(packet({ protocol: 'ipv6', ipv6_dst: '2001:db8::1', nw_proto: 58 }))).toEqual([]);
    expect(issues(packet({ protocol: 'arp', arp_op: 1, arp_tpa: '192.0.2.1' }))).toEqual([]);
    expect(issues(packet({ tun_id: '18446744073709551615', tun_src: '198.18.0.3' }))).toEqual([]);
  });

  it('lets no shell or flow syntax through a name or a value', () => {
    for (const name of [
      '-br',
      'br int',
      'br,int',
      'br(int)',
      'a"b',
      "a'b",
      'a;b',
      '$x',
      '.hidden',
      '',
      'x'.repeat(129),
    ])
      expect(issues({ bridge: name, packet: { in_port: 'p1' } }), name).toHaveLength(1);
    for (const name of ['p1,actions=drop', 'p1 p2', '-p', 'p(1)'])
      expect(issues({ bridge: 'br', packet: { in_port: name } }), name).toHaveLength(1);
    expect(issues(packet({ dl_src: 'fa:16:3e:00:00:01,ip' }))).toEqual([
      'packet.dl_src: a MAC address: aa:bb:cc:dd:ee:ff',
    ]);
    expect(issues(packet({ protocol: 'ip', nw_src: '192.0.2.1,tp_dst=1' }))).toEqual([
      'packet.nw_src: Invalid IPv4 address',
    ]);
    expect(issues(packet({ tun_id: '0x1,ip' }))).toEqual(['packet.tun_id: a number, decimal or 0x hex']);
    expect(issues(packet({ extra: 'x' }))).toEqual(['packet: Unrecognized key: "extra"']);
    expect(issues({ bridge: 'br', packet: { in_port: 'p' }, flow: 'x' })).toEqual([
      ': Unrecognized key: "flow"',
    ]);
  });

  it('names the protocol a field needs', () => {
    expect(issues(packet({ tp_dst: 22 }))).toEqual([
      'packet.tp_dst: needs protocol tcp, udp or sctp (or tcp6, udp6, sctp6)',
    ]);
    expect(issues(packet({ protocol: 'ip', ipv6_src: '::1' }))).toEqual([
      'packet.ipv6_src: needs an IPv6 protocol (ipv6, icmp6, tcp6, udp6, sctp6)',
    ]);
    expect(issues(packet({ protocol: 'tcp', nw_proto: 6 }))).toEqual([
      'packet.nw_proto: needs protocol ip or ipv6, or dl_type 0x0800 or 0x86dd (tcp, udp… set it already)',
    ]);
    expect(issues(packet({ protocol: 'udp', icmp_type: 8 }))).toEqual([
      'packet.icmp_type: needs protocol icmp or icmp6',
    ]);
    expect(issues(packet({ dl_vlan_pcp: 1 }))).toEqual(['packet.dl_vlan_pcp: needs dl_vlan']);
    expect(issues(packet({ protocol: 'ip', dl_type: 0x800 }))).toEqual([
      'packet.dl_type: give a protocol or dl_type, not both',
    ]);
    expect(issues(packet({ tun_id: '18446744073709551616' }))).toEqual(['packet.tun_id: at most 64 bits']);
    expect(TracePacket.safeParse({ in_port: 'p', dl_type: 0x800, nw_dst: '192.0.2.1' }).success).toBe(true);
  });
});
