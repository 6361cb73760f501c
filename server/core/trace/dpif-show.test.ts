import { describe, expect, it } from 'vitest';
import { PortNumbers, parseDpifShow } from './dpif-show';
import { fixture } from './fixtures.test-helper';

describe('parseDpifShow', () => {
  it('reads every bridge’s ports with OpenFlow and datapath numbers, type and options', () => {
    const ports = parseDpifShow(fixture('openstack-aio.dpif.txt'));
    expect(ports).toHaveLength(10);
    expect(ports.find((p) => p.name === 'phy-br-ex')).toEqual({
      name: 'phy-br-ex',
      bridge: 'br-ex',
      backer: 'netdev@ovs-netdev',
      ofport: 2,
      dpPort: null,
      type: 'patch',
      options: { peer: 'int-br-ex' },
    });
    expect(ports.find((p) => p.name === 'br-int')).toMatchObject({ ofport: 65534, dpPort: 3, type: 'tap' });
  });

  it('looks ports up by OpenFlow number, LOCAL or name, and by datapath number', () => {
    const n = new PortNumbers(parseDpifShow(fixture('compute.dpif.txt')));
    expect(n.ofport('br-tun', '1')?.name).toBe('patch-int');
    expect(n.ofport('br-tun', 'LOCAL')?.name).toBe('br-tun');
    expect(n.ofport('br-int', 'patch-tun')?.ofport).toBe(2);
    expect(n.ofport('br-int', '9')).toBeUndefined();
    // Both vxlan ports share datapath port 4; their options tell them apart.
    expect(n.dpPort('br-int', 4).map((p) => `${p.name} ${p.options.remote_ip}`)).toEqual([
      'vxlan-c6120002 198.18.0.3',
      'vxlan-c6120099 198.18.1.254',
    ]);
  });
});
