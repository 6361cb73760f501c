import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HostModel } from '../model/schema';
import { parseCollection } from '../parse-host';
import { fixture } from '../parsers/fixtures.test-helper';
import { describeSnapshotErrors, MAX_ERRORS } from './errors';
import { toSnapshotFile } from './export';
import { readSnapshotFile } from './import';

const aio: HostModel = parseCollection(fixture('openstack-aio.collect.txt'), {
  host: 'aio',
  collectedAt: '2026-03-01T10:00:05.000Z',
});
const meta = {
  name: 'aio',
  note: '',
  takenAt: '2026-03-01T10:00:00Z',
  takenBy: null,
  source: 'manual',
} as const;
const file = toSnapshotFile(meta, [aio]);
/** A writable deep copy of the file, as a JSON value. */
const copy = (): ReturnType<typeof structuredClone<typeof file>> => structuredClone(file);

const errorsOf = (input: unknown) => {
  const read = readSnapshotFile(input);
  if (read.ok) throw new Error('expected the file to be refused');
  return read.errors;
};

describe('readSnapshotFile refuses a bad file, naming the path inside it', () => {
  it('points at a bad field deep inside a model', () => {
    const bad = copy() as unknown as { hosts: { model: { ovs: { bridges: { name: unknown }[] } } }[] };
    const bridge = bad.hosts[0]?.model.ovs.bridges[2];
    if (bridge) bridge.name = 42;
    expect(errorsOf(bad)).toEqual([
      {
        path: 'hosts[0].model.ovs.bridges[2].name',
        message: 'Invalid input: expected string, received number',
      },
    ]);
  });

  it('quotes map keys that are not identifiers', () => {
    const bad = copy() as unknown as {
      hosts: { model: { ovs: { interfaces: { externalIds: object }[] } } }[];
    };
    const iface = bad.hosts[0]?.model.ovs.interfaces[0];
    if (iface) iface.externalIds = { 'iface-id': 7 };
    expect(errorsOf(bad).map((e) => e.path)).toEqual([
      'hosts[0].model.ovs.interfaces[0].externalIds["iface-id"]',
    ]);
  });

  it('checks the file fields: kind, time, source, at least one host, unique host names', () => {
    expect(errorsOf({ ...file, kind: 'something-else' }).map((e) => e.path)).toEqual(['kind']);
    expect(errorsOf({ ...file, takenAt: 'noon' }).map((e) => e.path)).toEqual(['takenAt']);
    expect(errorsOf({ ...file, source: 'cron', name: '' }).map((e) => e.path)).toEqual(['name', 'source']);
    expect(errorsOf({ ...file, hosts: [] })).toEqual([
      { path: 'hosts', message: expect.stringMatching(/>=1/) },
    ]);
    const twice = toSnapshotFile(meta, [aio, aio]);
    expect(errorsOf(twice)).toEqual([
      {
        path: 'hosts[1].model.host',
        message: 'host "aio" is already hosts[0]; host names in a snapshot are unique',
      },
    ]);
  });

  it('reports at most MAX_ERRORS, the last one counting the rest', () => {
    const bad = copy();
    for (const ns of bad.hosts[0]?.model.namespaces ?? [])
      for (const link of ns.links) (link as { name: unknown }).name = null;
    const links = aio.namespaces.flatMap((n) => n.links).length;
    expect(links).toBeGreaterThan(MAX_ERRORS);
    const errors = errorsOf(bad);
    expect(errors).toHaveLength(MAX_ERRORS);
    expect(errors[0]?.path).toBe('hosts[0].model.namespaces[0].links[0].name');
    expect(errors.at(-1)).toEqual({ path: '', message: `${links - MAX_ERRORS + 1} more errors not shown` });
  });

  it('refuses an unknown schemaVersion with one error saying which versions are readable', () => {
    const readable =
      /Patchbay reads schemaVersion 1 and 2 \(1: a HostModel or a list of them, 2: a "patchbay-snapshot" file\)/;
    expect(errorsOf({ ...file, schemaVersion: 3 })).toEqual([
      {
        path: 'schemaVersion',
        message: expect.stringMatching(/^schemaVersion 3 is not readable \(written by a newer Patchbay\); /),
      },
    ]);
    expect(errorsOf({ ...file, schemaVersion: 3 })[0]?.message).toMatch(readable);
    expect(errorsOf({ ...file, schemaVersion: '2' })).toEqual([
      { path: 'schemaVersion', message: expect.stringMatching(/^schemaVersion "2" is not readable; /) },
    ]);
    const { schemaVersion: _, ...unversioned } = file;
    expect(errorsOf(unversioned)).toEqual([
      { path: 'schemaVersion', message: expect.stringMatching(readable) },
    ]);
    expect(errorsOf([])).toEqual([
      { path: '', message: expect.stringMatching(/^the list holds no host model/) },
    ]);
    for (const junk of [null, 42, true, 'plain text'])
      expect(errorsOf(JSON.stringify(junk))).toEqual([
        { path: '', message: expect.stringMatching(/^a snapshot file is a JSON object/) },
      ]);
  });

  it('gives line and column of bad JSON text', () => {
    expect(errorsOf('{\n  "schemaVersion": 2,\n  "name": }')).toEqual([
      { path: '', message: 'not valid JSON at line 3 column 11: expected a value, found "}"' },
    ]);
    // Cut off just before `"source"`: the reader stops at the end, on that line after the indent.
    const text = JSON.stringify(file, null, 2);
    const cut = text.slice(0, text.indexOf('"source"'));
    expect(errorsOf(cut)).toEqual([
      {
        path: '',
        message: `not valid JSON at line ${cut.split('\n').length} column 3: expected a property name in double quotes, found the end of the text`,
      },
    ]);
  });

  it('reads a file that starts with a byte order mark', () => {
    expect(readSnapshotFile(`\uFEFF${JSON.stringify(file)}`)).toMatchObject({ ok: true, file });
  });

  it('never throws, whatever it is given (property)', () => {
    const inputs = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }),
      fc.string({ maxLength: 200 }),
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
      fc.constantFrom(undefined, Number.NaN, Symbol('s'), () => 1, new Map()),
    );
    fc.assert(
      fc.property(inputs, (input) => {
        expect(readSnapshotFile(input).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    expect(readSnapshotFile(deep).ok).toBe(false);
  });

  it('describes errors one per line', () => {
    expect(
      describeSnapshotErrors([
        { path: 'hosts[0].name', message: 'bad' },
        { path: '', message: 'and more' },
      ]),
    ).toBe('hosts[0].name: bad\nand more');
  });
});

describe('readSnapshotFile and relations that disagree with the models', () => {
  it('re-derives them from the models and warns per list', () => {
    const edited = copy();
    const relations = edited.hosts[0]?.relations;
    if (!relations) throw new Error('no host');
    relations.vethPairs.reverse();
    relations.patchPairs = [{ a: 'iface:int-br-ex', b: 'iface:patch-tun', status: 'ok' }];
    relations.tunnels = [];
    const read = readSnapshotFile(JSON.stringify(edited));
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    expect(read.file).toEqual(file);
    expect(read.warnings).toEqual([
      {
        path: 'hosts[0].relations.patchPairs',
        message: expect.stringMatching(
          /^differs from what the model gives: 1 not given by the model \(first: \{"a":"iface:int-br-ex","b":"iface:patch-tun","status":"ok"\}\), 3 missing \(first: .*\); the derived list is used$/,
        ),
      },
      {
        path: 'hosts[0].relations.tunnels',
        message: expect.stringMatching(/^differs from what the model gives: 1 missing/),
      },
    ]);
  });
});
