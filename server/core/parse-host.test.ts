import { describe, expect, it } from 'vitest';
import { sameTopology } from './model/canonical';
import { HostModel } from './model/schema';
import { parseCollection } from './parse-host';
import { fixture } from './parsers/fixtures.test-helper';
import { vethPairs } from './relations';

const meta = { host: 'aio', collectedAt: '2026-01-01T00:00:00Z' };

describe('parseCollection', () => {
  it('assembles a valid model of the openstack-aio capture with no errors', () => {
    const model = parseCollection(fixture('openstack-aio.collect.txt'), meta);
    expect(HostModel.safeParse(model).success).toBe(true);
    expect(model.errors).toEqual([]);
    expect(model.namespaces.map((n) => n.name)).toEqual([
      '',
      'vm1',
      'qdhcp-7a9e2c11-3b4f-4e55-8d6a-1f2e3d4c5b6a',
      'qrouter-5f1c7b2e-8a41-4d3b-9c2a-0e6f1d2b3c4d',
    ]);
    expect(model.namespaces[0]).toMatchObject({ id: 'ns:', isRoot: true, netnsid: null });
    expect(model.namespaces[1]).toMatchObject({ id: 'ns:vm1', netnsid: 0 });
    const brTun = model.ovs?.bridges.find((b) => b.name === 'br-tun');
    expect(brTun?.flows?.length).toBeGreaterThan(0);
    expect(brTun?.flowsError).toBeUndefined();
  });

  it('reads a v2 stream (one ip batch per namespace) from the lab openstack-aio host', () => {
    const model = parseCollection(fixture('lab-openstack-aio.v2.collect.txt'), meta);
    expect(HostModel.safeParse(model).success).toBe(true);
    expect(model.errors).toEqual([]);
    const qrouter = model.namespaces.find((n) => n.name.startsWith('qrouter-'));
    expect(qrouter?.links.map((l) => l.name)).toContain('lo');
    expect(qrouter?.routes.some((r) => r.family === 'inet6')).toBe(true);
    expect(qrouter?.routes.find((r) => r.dst === 'default' && r.table === 'main')?.family).toBe('inet');
    // -details prints who installed a rule; that is not part of its selector.
    expect(qrouter?.rules.find((r) => r.priority === 1000)?.selector).toEqual({
      src: '192.0.2.0',
      srclen: 24,
    });
    expect(qrouter?.rules.some((r) => r.family === 'inet6')).toBe(true);
    // v2 has no per-namespace nsids: veth peers inside namespaces still resolve, by mutual ifindex.
    const instanceVeths = model.namespaces
      .find((n) => n.name === 'instance-1')
      ?.links.filter((l) => l.kind === 'veth')
      .map((l) => l.id);
    expect(instanceVeths?.length).toBeGreaterThan(0);
    const pairs = vethPairs(model).filter(
      (p) => instanceVeths?.includes(p.a) || instanceVeths?.includes(p.b ?? ''),
    );
    expect(pairs.length).toBe(instanceVeths?.length);
    expect(pairs.every((p) => p.b !== null && p.crossNamespace)).toBe(true);
  });

  it('reports a failed batch command as an error of its own part only', () => {
    const raw = [
      '@@PATCHBAY:STREAM v2@@',
      '@@PATCHBAY:BEGIN netns@@',
      'ns1 (id: 0)',
      '',
      '@@PATCHBAY:END netns rc=0@@',
      '@@PATCHBAY:BEGIN ip ns1@@',
      '[{"ifindex":1,"ifname":"lo","flags":["LOOPBACK"],"mtu":65536,"link_type":"loopback","addr_info":[]}]',
      '[]',
      '[{"priority":0,"src":"all","table":"local"}]',
      '[]',
      '',
      '@@PATCHBAY:STDERR@@',
      'Error: any valid prefix is expected rather than "::/0".',
      'Command failed -:3',
      '@@PATCHBAY:END ip ns1 rc=1@@',
    ].join('\n');
    const model = parseCollection(raw, meta);
    const errs = model.errors.filter((e) => e.arg === 'ns1');
    expect(errs.filter((e) => e.part === 'route6')).toEqual([
      expect.objectContaining({ message: 'Error: any valid prefix is expected rather than "::/0".' }),
    ]);
    expect(errs.filter((e) => ['links', 'route4', 'rule4', 'nsids'].includes(e.part))).toEqual([]);
  });

  it('sees two reads of an unchanged host as the same topology', () => {
    const a = parseCollection(fixture('openstack-aio.collect.txt'), meta);
    const b = parseCollection(fixture('openstack-aio.second-read.collect.txt'), {
      ...meta,
      collectedAt: 'later',
    });
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(b));
    expect(sameTopology(a, b)).toBe(true);
    expect(sameTopology(a, parseCollection(fixture('compute.collect.txt'), meta))).toBe(false);
  });

  it('gives unique ids within each namespace', () => {
    const model = parseCollection(fixture('compute.collect.txt'), meta);
    expect(HostModel.safeParse(model).success).toBe(true);
    for (const ns of model.namespaces) {
      const ids = [...ns.links.map((l) => l.id), ...ns.routes.map((r) => r.id), ...ns.rules.map((r) => r.id)];
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('turns a host without OVS into ovs: null plus one ovsdb error', () => {
    const model = parseCollection(fixture('no-ovs.collect.txt'), meta);
    expect(model.ovs).toBeNull();
    expect(model.errors).toEqual([
      expect.objectContaining({ part: 'ovsdb', message: expect.stringContaining('failed to connect') }),
    ]);
    expect(model.namespaces[0]?.links.map((l) => l.name)).toEqual(['lo']);
  });

  it('reports missing tools, old ip and a cut-off stream per part and keeps the rest', () => {
    const model = parseCollection(fixture('missing-tools.collect.txt'), meta);
    expect(HostModel.safeParse(model).success).toBe(true);
    expect(model.hostname).toBe('old-host');
    const byPart = (part: string, arg?: string) =>
      model.errors.filter((e) => e.part === part && e.arg === arg);
    expect(byPart('ovsdb')[0]?.message).toBe('command not found: sh: 1: ovsdb-client: not found');
    expect(byPart('links')[0]?.message).toContain('Option "-json" is unknown');
    expect(byPart('route4')[0]?.message).toMatch(/not JSON/);
    expect(byPart('links', 'qrouter-1')[0]?.message).toMatch(/cut off/);
    expect(byPart('route4', 'qrouter-1')[0]?.message).toMatch(/missing/);
    expect(model.namespaces[0]?.rules).toHaveLength(4);
    expect(model.namespaces[1]?.links.map((l) => l.name)).toEqual(['lo']);
  });

  it('never throws on garbage', () => {
    for (const raw of [
      '',
      'Permission denied (publickey).',
      '@@PATCHBAY:BEGIN ovsdb@@\n[1,2',
      '\u0000\u0001',
    ]) {
      const model = parseCollection(raw, meta);
      expect(HostModel.safeParse(model).success).toBe(true);
      expect(model.errors.length).toBeGreaterThan(0);
    }
  });
});
