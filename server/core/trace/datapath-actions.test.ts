import { describe, expect, it } from 'vitest';
import { datapathEvents } from './datapath-actions';

const brief = (line: string, vlan: Parameters<typeof datapathEvents>[1] = 'untagged') =>
  datapathEvents(line, vlan).map((e) =>
    e.kind === 'output'
      ? `${e.dpPort ?? e.raw} ${e.vlan}${e.tunnel ? ` via ${e.tunnel.dpPort}→${e.tunnel.remoteIp}` : ''}`
      : e.kind,
  );

describe('datapathEvents', () => {
  it('follows push_vlan/pop_vlan from the packet’s own header to every output', () => {
    expect(brief('8,7,6,1,push_vlan(vid=1,pcp=0),3,pop_vlan,4')).toEqual([
      '8 untagged',
      '7 untagged',
      '6 untagged',
      '1 untagged',
      '3 1',
      '4 untagged',
    ]);
    expect(brief('pop_vlan,5', 30)).toEqual(['5 untagged']);
    expect(brief('drop')).toEqual([]);
  });

  it('a tunnel push: the outer packet, the tunnel port and its remote', () => {
    expect(
      brief(
        'tnl_push(tnl_port(6),header(size=50,type=4,eth(dst=aa:bb:cc:dd:ee:02,src=72:f9:b0:9d:bc:46,dl_type=0x0800),ipv4(src=198.51.100.1,dst=198.51.100.2,proto=17,tos=0,ttl=64,frag=0x4000),udp(src=0,dst=4789,csum=0x0),vxlan(flags=0x8000000,vni=0x64)),out_port(5)),4',
        7,
      ),
    ).toEqual(['4 untagged via 6→198.51.100.2']);
  });

  it('a clone works on a copy; controller, recirculation and balance-tcp outputs', () => {
    expect(brief('push_vlan(vid=5,pcp=0),clone(pop_vlan,2),3')).toEqual(['2 untagged', '3 5']);
    expect(
      brief(
        'userspace(pid=0,controller(reason=1,dont_send=1,continuation=0,recirc_id=1,rule_cookie=0,controller_id=0,max_len=65535))',
      ),
    ).toEqual(['controller']);
    expect(brief('ct(zone=1),recirc(0x1)')).toEqual(['recirc']);
    expect(brief('lb_output(1)')).toEqual(['lb_output(1) untagged']);
  });
});
