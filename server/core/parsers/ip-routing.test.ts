import { describe, expect, it } from 'vitest';
import { fixturePart } from './fixtures.test-helper';
import { parseIpRoutes } from './ip-routes';
import { parseIpRules } from './ip-rules';
import { parseNetnsList, parseNsids } from './netns';

const QROUTER = 'qrouter-5f1c7b2e-8a41-4d3b-9c2a-0e6f1d2b3c4d';
const AIO = 'openstack-aio.collect.txt';

describe('parseIpRoutes', () => {
  const v4 = parseIpRoutes(fixturePart(AIO, 'route4', QROUTER), QROUTER, 'inet');
  const v6 = parseIpRoutes(fixturePart(AIO, 'route6', QROUTER), QROUTER, 'inet6');

  it('reads the qrouter default routes of every table, making main and unicast explicit', () => {
    expect(v4.errors).toEqual([]);
    const defaults = v4.items.filter((r) => r.dst === 'default');
    expect(defaults).toEqual([
      expect.objectContaining({ table: '100', metric: 5, gateway: '203.0.113.1', type: 'unicast' }),
      expect.objectContaining({ table: 'main', gateway: '203.0.113.1', dev: 'qg-5e6f7a8b-9c' }),
    ]);
    expect(defaults.map((r) => r.id)).toEqual([
      `route:${QROUTER}/100/inet/default/5`,
      `route:${QROUTER}/main/inet/default`,
    ]);
  });

  it('reads local and broadcast routes of the local table and IPv6 routes', () => {
    expect(v4.items.find((r) => r.type === 'broadcast')).toMatchObject({ table: 'local', scope: 'link' });
    expect(v4.items.find((r) => r.dst === '192.0.2.1')).toMatchObject({ type: 'local', table: 'local' });
    expect(v6.items.find((r) => r.dst === '2001:db8:10::/64')).toMatchObject({
      family: 'inet6',
      metric: 256,
    });
  });

  it('gives every route a unique id', () => {
    const ids = [...v4.items, ...v6.items].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('parseIpRules', () => {
  it('reads policy rules with selector and table', () => {
    const { items } = parseIpRules(fixturePart(AIO, 'rule4', QROUTER), QROUTER, 'inet');
    expect(items.find((r) => r.priority === 32000)).toEqual({
      id: `rule:${QROUTER}/inet/32000/100`,
      family: 'inet',
      priority: 32000,
      selector: { src: '192.0.2.0', srclen: 24 },
      action: 'lookup',
      table: '100',
    });
  });

  it('reads non-lookup actions and flag selectors printed as null', () => {
    const { items } = parseIpRules(
      '[{"priority":100,"not":null,"fwmark":"0x1","action":"unreachable"}]',
      '',
      'inet',
    );
    expect(items[0]).toMatchObject({ action: 'unreachable', selector: { not: true, fwmark: '0x1' } });
    expect(items[0]?.table).toBeUndefined();
  });
});

describe('netns parsers', () => {
  it('reads ip netns list with and without ids', () => {
    expect(parseNetnsList('vm1 (id: 0)\nqdhcp-x\n\n')).toEqual([
      { name: 'vm1', nsid: 0 },
      { name: 'qdhcp-x', nsid: null },
    ]);
  });

  it('reads the nsids a namespace assigned; the unnamed one is not resolved', () => {
    expect(parseNsids(fixturePart(AIO, 'nsids')).items.map((p) => p.name)).toContain(QROUTER);
    expect(parseNsids(fixturePart(AIO, 'nsids', 'vm1')).items).toEqual([{ nsid: 0, name: null }]);
  });
});
