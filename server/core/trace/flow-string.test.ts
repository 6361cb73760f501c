import { describe, expect, it } from 'vitest';
import { flowText, parseFlowText, traceArgv } from './flow-string';
import { TracePacket, TraceRequest } from './request';

const parsed = (text: string) => {
  const r = parseFlowText(text);
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r.packet;
};
const refused = (text: string) => {
  const r = parseFlowText(text);
  return r.ok ? [] : r.errors;
};

describe('traceArgv', () => {
  it('is ovs-appctl ofproto/trace BRIDGE FLOW, the flow in one fixed order', () => {
    const request = TraceRequest.parse({
      bridge: 'br-int',
      packet: {
        dl_dst: 'FF:FF:FF:FF:FF:FF',
        dl_vlan: 1,
        in_port: 'qvo3c4d5e6f-7a',
        dl_src: 'fa:16:3e:00:00:01',
      },
    });
    expect(traceArgv(request)).toEqual([
      'ovs-appctl',
      'ofproto/trace',
      'br-int',
      'in_port=qvo3c4d5e6f-7a,dl_src=fa:16:3e:00:00:01,dl_dst=ff:ff:ff:ff:ff:ff,dl_vlan=1',
    ]);
  });

  it('writes the protocol first and the ports with the protocol’s own names (OVS reads tp_dst as TCP only)', () => {
    const udp = { in_port: 'a2', protocol: 'udp', nw_src: '192.0.2.1', tp_src: 5353, tp_dst: 53 } as const;
    expect(flowText(TracePacket.parse(udp))).toBe('udp,in_port=a2,nw_src=192.0.2.1,udp_src=5353,udp_dst=53');
    expect(flowText(TracePacket.parse({ in_port: 'a2', protocol: 'icmp6', icmp_type: 128 }))).toBe(
      'icmp6,in_port=a2,icmpv6_type=128',
    );
    expect(flowText(TracePacket.parse({ in_port: 'a2', dl_type: 0x88cc }))).toBe('dl_type=0x88cc,in_port=a2');
  });

  it('quotes a port name holding a colon, leaves digits as the port number OVS reads them as', () => {
    expect(flowText(TracePacket.parse({ in_port: 'eth0:1' }))).toBe('in_port="eth0:1"');
    expect(flowText(TracePacket.parse({ in_port: '2' }))).toBe('in_port=2');
  });
});

describe('parseFlowText', () => {
  it('reads what the CLI is given into packet fields, and back to the same text', () => {
    const text = 'in_port=qvo3c4d5e6f-7a,dl_vlan=1,dl_dst=ff:ff:ff:ff:ff:ff';
    expect(parsed(text)).toEqual({ in_port: 'qvo3c4d5e6f-7a', dl_vlan: 1, dl_dst: 'ff:ff:ff:ff:ff:ff' });
    expect(flowText(parsed('tcp,in_port="eth1",nw_dst=192.0.2.2,tp_dst=22'))).toBe(
      'tcp,in_port=eth1,nw_dst=192.0.2.2,tcp_dst=22',
    );
  });

  it('accepts OVS’s other spellings and hex numbers', () => {
    expect(parsed('udp,in_port=a2,udp_dst=53,eth_src=02:00:00:00:00:01,tun_id=0x64')).toEqual({
      protocol: 'udp',
      in_port: 'a2',
      tp_dst: 53,
      dl_src: '02:00:00:00:00:01',
      tun_id: '0x64',
    });
    expect(parsed('in_port=1,dl_type=0x0800,nw_proto=17')).toEqual({
      in_port: '1',
      dl_type: 0x800,
      nw_proto: 17,
    });
  });

  it('refuses anything that is not plain field=value text', () => {
    for (const bad of [
      'in_port=1 ,ip',
      'in_port=1;reboot',
      'in_port=$(id)',
      "in_port='x'",
      'in_port=1,actions=drop',
      'in_port=a\nb',
      'in_port=a(b)',
    ])
      expect(refused(bad).length, bad).toBeGreaterThan(0);
    expect(refused('in_port=1 ,ip')).toEqual([
      'the flow holds " ": only letters, digits and _ . : , = " - may appear',
    ]);
  });

  it('names unknown fields, bad keywords, repeats and missing protocols', () => {
    expect(refused('in_port=1,constructor=1')[0]).toMatch(/^unknown field "constructor" \(known: in_port, /);
    expect(refused('in_port=1,bogus')).toEqual([
      '"bogus" is not a field=value pair or a protocol (ip, ipv6, arp, rarp, icmp, icmp6, tcp, tcp6, udp, udp6, sctp, sctp6)',
    ]);
    expect(refused('in_port=1,dl_vlan=1,dl_vlan=2')).toEqual(['dl_vlan is given twice']);
    expect(refused('in_port=1,nw_src=192.0.2.1')).toEqual([
      'nw_src: needs an IPv4 protocol (ip, icmp, tcp, udp, sctp)',
    ]);
    expect(refused('in_port=1,dl_vlan=4096')).toEqual(['dl_vlan: Too big: expected number to be <=4095']);
    expect(refused('dl_vlan=1')).toEqual(['in_port: Invalid input: expected string, received undefined']);
  });
});
