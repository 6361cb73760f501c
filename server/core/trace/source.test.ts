import { describe, expect, it } from 'vitest';
import { parseCollection } from '../parse-host';
import { fixture } from '../parsers/fixtures.test-helper';
import { requestFromNamespace } from './source';

const model = parseCollection(fixture('lab-openstack-aio.v2.collect.txt'), {
  host: 'openstack-aio',
  collectedAt: '',
});

describe('requestFromNamespace', () => {
  it('a VM behind a veth: its default route, the OVS end of the veth, its MAC and address', () => {
    expect(requestFromNamespace(model, 'instance-1', '198.51.100.1')).toEqual({
      ok: true,
      request: {
        bridge: 'br-int',
        packet: {
          in_port: 'qvo3c4d5e6f-7a',
          dl_src: 'fa:16:3e:11:22:10',
          protocol: 'ip',
          nw_src: '192.0.2.10',
          nw_dst: '198.51.100.1',
        },
      },
      link: 'qvb3c4d5e6f-7a',
      port: 'qvo3c4d5e6f-7a',
      gateway: '192.0.2.1',
    });
  });

  it('a router namespace: the internal port moved into it, picked by the connected route', () => {
    const r = requestFromNamespace(model, 'qrouter-8c1f6a0e-3d2b-4e5f-9a7c-1b2d3e4f5a6b', '203.0.113.254');
    expect(r).toMatchObject({
      ok: true,
      request: { bridge: 'br-ex', packet: { in_port: 'qg-a1b2c3d4-e5', nw_src: '203.0.113.10' } },
      gateway: null,
    });
  });

  it('says why it cannot', () => {
    expect(requestFromNamespace(model, 'nope', '192.0.2.1')).toEqual({
      ok: false,
      error: 'no namespace "nope" on openstack-aio',
    });
    expect(requestFromNamespace(model, 'instance-1', '192.0.2.10')).toEqual({
      ok: false,
      error: '192.0.2.10 is an address of namespace instance-1 itself',
    });
    expect(requestFromNamespace(model, 'instance-2', '203.0.113.1')).toEqual({
      ok: false,
      error: 'namespace instance-2 has no route to 203.0.113.1',
    });
    expect(requestFromNamespace(model, '', '198.18.0.9')).toEqual({
      ok: false,
      error:
        'the root namespace sends 198.18.0.9 out of eth0, which is neither an OVS port nor a veth to one',
    });
    expect(requestFromNamespace(model, 'instance-1', '192.0.2.1;x')).toEqual({
      ok: false,
      error: '"192.0.2.1;x" is not an IPv4 or IPv6 address',
    });
  });
});
