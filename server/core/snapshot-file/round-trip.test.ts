import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exampleModel } from '@/server/example';
import type { HostModel } from '../model/schema';
import { parseCollection } from '../parse-host';
import { fixture } from '../parsers/fixtures.test-helper';
import { toSnapshotFile } from './export';
import { readSnapshotFile } from './import';
import { SNAPSHOT_SOURCES, type SnapshotMeta } from './schema';

const load = (file: string, host: string, collectedAt: string): HostModel =>
  parseCollection(fixture(file), { host, collectedAt });
const aio = load('openstack-aio.collect.txt', 'aio', '2026-03-01T10:00:05.000Z');
const compute = load('compute.collect.txt', 'compute', '2026-03-01T10:00:02.000Z');
const meta: SnapshotMeta = {
  name: 'before the MTU change',
  note: 'both nodes\nsecond line',
  takenAt: '2026-03-01T10:00:00.000Z',
  takenBy: 'ops',
  source: 'manual',
};

/** The file after writing it out as `patchbay snapshot` or an export does, and reading it back. */
function roundTrip(file: ReturnType<typeof toSnapshotFile>) {
  const read = readSnapshotFile(JSON.stringify(file));
  if (!read.ok) throw new Error(JSON.stringify(read.errors));
  return read;
}

describe('toSnapshotFile → JSON → readSnapshotFile', () => {
  it('gives back an equal file with equal models, current version, no warnings', () => {
    const file = toSnapshotFile(meta, [aio, compute]);
    const read = roundTrip(file);
    expect(read).toEqual({ ok: true, file, migratedFrom: null, warnings: [] });
    expect(read.file.hosts.map((h) => h.model)).toEqual([aio, compute]);
    // An already parsed value reads the same as the text.
    expect(readSnapshotFile(JSON.parse(JSON.stringify(file)))).toEqual(read);
  });

  it('round-trips the example topology', () => {
    const file = toSnapshotFile({ ...meta, takenBy: null, source: 'cli' }, [exampleModel()]);
    expect(roundTrip(file).file).toEqual(file);
  });

  it('round-trips any meta fields (property)', () => {
    const metas = fc.record({
      name: fc.string({ unit: 'binary', minLength: 1, maxLength: 100 }),
      note: fc.string({ unit: 'binary', maxLength: 400 }),
      takenAt: fc
        .date({
          min: new Date('0000-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59.999Z'),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString()),
      takenBy: fc.option(fc.string({ unit: 'binary', maxLength: 100 }), { nil: null }),
      source: fc.constantFrom(...SNAPSHOT_SOURCES),
    });
    const example = exampleModel();
    fc.assert(
      fc.property(metas, (m) => {
        const file = toSnapshotFile(m, [example]);
        const read = roundTrip(file);
        expect(read.file).toEqual(file);
        expect(read.warnings).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});

describe('relations in the file', () => {
  it('resolves patch pairs, veth pairs and port links to model ids', () => {
    const [host] = toSnapshotFile(meta, [exampleModel()]).hosts;
    expect(host?.relations.patchPairs).toEqual([
      { a: 'iface:int-br-ex', b: 'iface:phy-br-ex', status: 'ok' },
    ]);
    expect(host?.relations.vethPairs).toContainEqual({
      a: 'link:/qvo3c4d5e6f-7a',
      b: 'link:instance-1/qvb3c4d5e6f-7a',
      crossNamespace: true,
    });
    expect(host?.relations.portLinks).toContainEqual({
      iface: 'iface:tap7d2e9b1a-0c',
      link: 'link:qdhcp-2a9b8c7d-6e5f-4a3b-8c1d-0e9f8a7b6c5d/tap7d2e9b1a-0c',
      matchedBy: 'name',
    });
    // Nothing a reader would have to resolve itself is left in the relations.
    expect(JSON.stringify(host?.relations)).not.toMatch(/ifindex|netnsid|linkIndex/i);
  });

  it('keeps dangling patch ports with the reason', () => {
    const [host] = toSnapshotFile(meta, [aio]).hosts;
    expect(host?.relations.patchPairs).toContainEqual({
      a: 'iface:patch-dangling',
      b: null,
      status: 'dangling',
      reason: "No usable peer 'patch-nowhere' exists in 'netdev' datapath.",
    });
  });

  it('names the other host of the same file at the far end of a tunnel, and only hosts of the file', () => {
    const [a, c] = toSnapshotFile(meta, [aio, compute]).hosts;
    expect(a?.relations.tunnels).toEqual([
      {
        iface: 'iface:vxlan-c6120002',
        type: 'vxlan',
        remoteIp: '198.18.0.2',
        localIp: '198.18.0.1',
        remoteHost: 'compute',
      },
    ]);
    expect(c?.relations.tunnels.find((t) => t.type === 'vxlan')?.remoteHost).toBe('aio');
    expect(c?.relations.tunnels.find((t) => t.type === 'gre')?.remoteHost).toBeNull();
    const [alone] = toSnapshotFile(meta, [aio]).hosts;
    expect(alone?.relations.tunnels[0]?.remoteHost).toBeNull();
  });
});

describe('migrating version 1', () => {
  it('reads a bare model as a one-host file named after it, taken when it was collected', () => {
    const read = readSnapshotFile(JSON.stringify(aio));
    expect(read).toEqual({
      ok: true,
      migratedFrom: 1,
      warnings: [],
      file: toSnapshotFile(
        { name: 'aio', note: '', takenAt: aio.collectedAt, takenBy: null, source: 'imported' },
        [aio],
      ),
    });
  });

  it('reads a list of models as one file, taken at the earliest, tunnels naming each other', () => {
    const read = readSnapshotFile(JSON.stringify([aio, compute]));
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    expect(read.migratedFrom).toBe(1);
    expect(read.file).toMatchObject({
      schemaVersion: 2,
      kind: 'patchbay-snapshot',
      name: 'aio, compute',
      takenAt: compute.collectedAt,
      source: 'imported',
    });
    expect(read.file.hosts.map((h) => h.model)).toEqual([aio, compute]);
    expect(read.file.hosts[0]?.relations.tunnels[0]?.remoteHost).toBe('compute');
  });

  it('refuses a v1 model without an ISO collection time, and repeated hosts in a list', () => {
    expect(readSnapshotFile({ ...aio, collectedAt: 'yesterday' })).toEqual({
      ok: false,
      errors: [{ path: 'collectedAt', message: expect.stringMatching(/datetime/i) }],
    });
    expect(readSnapshotFile([aio, compute, aio])).toEqual({
      ok: false,
      errors: [
        { path: '[2].host', message: 'host "aio" is already [0]; host names in a snapshot are unique' },
      ],
    });
    const broken = { ...compute, namespaces: [{ ...compute.namespaces[0], links: 'none' }] };
    expect(readSnapshotFile([aio, broken])).toEqual({
      ok: false,
      errors: [{ path: '[1].namespaces[0].links', message: expect.stringMatching(/expected array/) }],
    });
  });
});
