import { describe, expect, it } from 'vitest';
import { hostAddresses } from '../../relations';
import { bridge, fixtureModel, host, link, port, run } from '../lint.test-helper';
import { tunnelUnknownRemote } from './tunnel-unknown-remote';

function tunnels() {
  const m = host();
  link(m, '', 'eth0', { addresses: ['10.0.0.1/24'] });
  bridge(m, 'br-tun');
  port(m, 'br-tun', 'to-b', { type: 'vxlan', options: { remote_ip: '10.0.0.2' } });
  port(m, 'br-tun', 'to-x', { type: 'geneve', options: { remote_ip: '10.0.0.99' } });
  port(m, 'br-tun', 'to-me', { type: 'gre', options: { remote_ip: '10.0.0.1' } });
  port(m, 'br-tun', 'by-flow', { type: 'vxlan', options: { remote_ip: 'flow' } });
  return m;
}

describe('tunnel-unknown-remote', () => {
  it('says nothing when no known hosts were given', () => {
    expect(run(tunnelUnknownRemote, tunnels())).toEqual([]);
  });

  it('reports tunnels to addresses no known host (nor this one) owns, as info', () => {
    const found = run(tunnelUnknownRemote, tunnels(), {
      knownHosts: [{ name: 'b', addresses: ['10.0.0.2/24'] }],
    });
    expect(found.map((f) => [f.severity, f.title, f.objects])).toEqual([
      [
        'info',
        'geneve tunnel to-x points at 10.0.0.99, which no known host owns',
        ['iface:to-x', 'port:br-tun/to-x'],
      ],
    ]);
  });

  it('knows the peers of the compute capture that the openstack capture owns', () => {
    const knownHosts = [{ name: 'openstack', addresses: hostAddresses(fixtureModel('openstack')) }];
    expect(run(tunnelUnknownRemote, fixtureModel('compute'), { knownHosts }).map((f) => f.title)).toEqual([
      'geneve tunnel geneve-c6120004 points at 198.18.0.4, which no known host owns',
      'gre tunnel gre-c6120003 points at 198.18.0.3, which no known host owns',
    ]);
    expect(run(tunnelUnknownRemote, fixtureModel('aio'), { knownHosts })).toEqual([]);
  });
});
