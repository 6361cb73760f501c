import { describe, expect, it } from 'vitest';
import { HostModel } from './model/schema';
import { parseCollection } from './parse-host';
import { fixture } from './parsers/fixtures.test-helper';

const meta = { host: 'kvm', collectedAt: '2026-01-01T00:00:00Z' };
/** The lab kvm host's v3 capture: its database records ovs_version 3.1.0. */
const V3 = fixture('lab-kvm.v3.collect.txt');

/** One section: [stdout, rc, stderr]. */
const section = (out: string, rc = 0, err = '') =>
  [
    '@@PATCHBAY:BEGIN ovs-version@@',
    out,
    ...(err ? ['@@PATCHBAY:STDERR@@', err] : []),
    `@@PATCHBAY:END ovs-version rc=${rc}@@`,
    '',
  ].join('\n');

/** The capture as a v4 stream, its database's ovs_version kept or emptied, plus extra sections. */
function v4(database: 'recorded' | 'empty', ...extra: string[]): string {
  let raw = V3.replace('@@PATCHBAY:STREAM v3@@', '@@PATCHBAY:STREAM v4@@');
  if (database === 'empty') raw = raw.replace('"ovs_version":"3.1.0"', '"ovs_version":["set",[]]');
  return raw + extra.join('');
}

const read = (raw: string) => {
  const model = parseCollection(raw, meta);
  expect(HostModel.safeParse(model).success).toBe(true);
  return { version: model.ovs?.system.ovsVersion, errors: model.errors };
};

describe('the OVS version in the host model', () => {
  it("takes ovs-vswitchd's version when the database has none", () => {
    expect(read(v4('empty', section('ovs-vswitchd (Open vSwitch) 3.3.0-1ubuntu1\n')))).toEqual({
      version: '3.3.0',
      errors: [],
    });
  });

  it("prefers the database's ovs_version, and then needs no ovs-version part", () => {
    expect(read(v4('recorded', section('ovs-vswitchd (Open vSwitch) 2.17.9\n')))).toEqual({
      version: '3.1.0',
      errors: [],
    });
    expect(read(v4('recorded', section('', 127, 'sh: 1: ovs-vswitchd: not found')))).toEqual({
      version: '3.1.0',
      errors: [],
    });
    expect(read(v4('recorded'))).toEqual({ version: '3.1.0', errors: [] });
  });

  it('leaves the version unknown and says why when the part is missing, failed or unreadable', () => {
    expect(read(v4('empty'))).toEqual({
      version: null,
      errors: [{ part: 'ovs-version', message: 'part missing from the collection output' }],
    });
    expect(read(v4('empty', section('', 127, 'sh: 1: ovs-vswitchd: not found')))).toEqual({
      version: null,
      errors: [
        {
          part: 'ovs-version',
          message: 'command not found: sh: 1: ovs-vswitchd: not found',
          raw: 'sh: 1: ovs-vswitchd: not found',
        },
      ],
    });
    expect(read(v4('empty', section('\u0000junk\n')))).toEqual({
      version: null,
      errors: [
        {
          part: 'ovs-version',
          message: 'no version in the ovs-vswitchd --version output',
          raw: '\u0000junk\n',
        },
      ],
    });
  });

  it('reads stored streams from before v4 as before, without asking for the part', () => {
    expect(read(V3)).toEqual({ version: '3.1.0', errors: [] });
    expect(read(fixture('lab-openstack-aio.v2.collect.txt'))).toEqual({ version: null, errors: [] });
  });

  it('reads the part in a scoped read with OVSDB, and not without', () => {
    const raw = v4('empty', section('ovs-vswitchd (Open vSwitch) 3.1.0\n'));
    const withOvsdb = parseCollection(raw, meta, { ovsdb: true, flows: [], netns: false, namespaces: [] });
    expect(withOvsdb.ovs?.system.ovsVersion).toBe('3.1.0');
    expect(withOvsdb.errors).toEqual([]);
    const without = parseCollection(v4('empty'), meta, {
      ovsdb: false,
      flows: [],
      netns: true,
      namespaces: [],
    });
    expect(without.ovs).toBeNull();
    expect(without.errors).toEqual([]);
  });

  it('reports only the OVSDB failure on a host without OVS', () => {
    const raw = [
      '@@PATCHBAY:STREAM v4@@',
      '@@PATCHBAY:BEGIN ovsdb@@',
      '',
      '@@PATCHBAY:STDERR@@',
      'sh: 1: ovsdb-client: not found',
      '@@PATCHBAY:END ovsdb rc=127@@',
      section('', 127, 'sh: 1: ovs-vswitchd: not found'),
    ].join('\n');
    const model = parseCollection(raw, meta, { ovsdb: true, flows: [], netns: false, namespaces: [] });
    expect(model.ovs).toBeNull();
    expect(model.errors.map((e) => e.part)).toEqual(['ovsdb']);
  });
});
