import { describe, expect, it } from 'vitest';
import { driftOf, verifyOf } from '@/server/changes/drift';
import type { HostModel } from '../model/schema';
import { parseCollection, type ReadScope } from '../parse-host';
import { fixture } from '../parsers/fixtures.test-helper';
import { CHECK_COLUMNS, OVSDB_TABLES } from '../parsers/ovsdb';
import { applyEdits } from './apply-edits';
import { modelObjects } from './objects';
import { plan } from './plan';
import { FIXTURES, load } from './plan.test-helper';
import { checkScope, inScope, planScope, scopeFingerprint } from './scope';

const META = { host: 'aio', collectedAt: '2026-01-01T00:00:00Z' };
const raw = () => fixture(FIXTURES.aio);

function planned(current: HostModel, edits: unknown[]) {
  const r = applyEdits(current, edits);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return plan(current, r.desired);
}

describe('planScope', () => {
  it('reads OVSDB for OVS objects, a bridge’s flows for its flows, a namespace’s parts for its objects', () => {
    const p = planned(load('aio'), [
      { op: 'add-port', bridge: 'br-int', name: 'p9', type: 'internal' },
      { op: 'add-flow', bridge: 'br-ex', priority: 9, match: 'dl_vlan=9', actions: 'drop' },
      { op: 'add-namespace', name: 'ns9' },
    ]);
    // The internal port's kernel device is an object of the root namespace.
    expect(planScope(p.diff)).toEqual({
      ovsdb: true,
      flows: ['br-ex'],
      netns: true,
      namespaces: ['', 'ns9'],
    });
    const kernelOnly = planned(load('aio'), [{ op: 'add-namespace', name: 'ns9' }]);
    // Its lo is a link: whether OVS made a device is part of a link's projection.
    expect(planScope(kernelOnly.diff)).toEqual({ ovsdb: true, flows: [], netns: true, namespaces: ['ns9'] });
    expect(checkScope(kernelOnly.diff)).toEqual({
      ovsdb: true,
      flows: [],
      netns: true,
      namespaces: ['', 'ns9'],
    });
  });
});

describe('a scoped read', () => {
  const full = parseCollection(raw(), META);
  const qrouter = full.namespaces.find((n) => n.name.startsWith('qrouter-'))?.name ?? '';
  const scope: ReadScope = { ovsdb: true, flows: ['br-ex'], netns: true, namespaces: ['', qrouter] };
  const scoped = parseCollection(raw(), META, scope);

  it('reports nothing missing and holds exactly what a full read holds inside its scope', () => {
    expect(qrouter).not.toBe('');
    expect(scoped.errors).toEqual(full.errors.filter((e) => e.part !== 'hostname'));
    const inside = (m: HostModel) => modelObjects(m).filter((o) => inScope(o, scope));
    expect(inside(scoped)).toEqual(inside(full));
    expect(scopeFingerprint(scoped, scope)).toBe(scopeFingerprint(full, scope));
    // Outside it: other bridges' flows and other namespaces' links are not read.
    expect(scoped.ovs?.bridges.find((b) => b.name === 'br-int')?.flows).toBeNull();
    expect(scoped.namespaces.filter((n) => n.links.length > 0).map((n) => n.name)).toEqual(['', qrouter]);
  });

  it('moves its fingerprint when an object inside changes, not when one outside does', () => {
    const inside = structuredClone(full);
    const port = inside.ovs?.ports.find((p) => p.name === 'int-br-ex');
    if (port) port.tag = 99;
    expect(scopeFingerprint(inside, scope)).not.toBe(scopeFingerprint(full, scope));
    const outside = structuredClone(full);
    const other = outside.namespaces.find((n) => n.name !== '' && n.name !== qrouter);
    other?.links.pop();
    expect(other).toBeDefined();
    expect(scopeFingerprint(outside, scope)).toBe(scopeFingerprint(full, scope));
  });

  it('gives the drift and verify checks the same answers as a full read', () => {
    const p = planned(full, [{ op: 'add-address', namespace: qrouter, link: 'lo', address: '10.99.0.1/32' }]);
    const s = checkScope(p.diff);
    const part = parseCollection(raw(), META, s);
    expect(driftOf(p.diff, part)).toEqual(driftOf(p.diff, full));
    expect(driftOf(p.diff, part)).toEqual([]);
    expect(verifyOf(p.diff, part)).toEqual(verifyOf(p.diff, full));
    expect(verifyOf(p.diff, part).map((m) => m.label)).toEqual([`${qrouter}/lo 10.99.0.1/32`]);
  });

  it('needs only the OVSDB columns the scoped read selects', () => {
    const slim = raw().replace(
      /(@@PATCHBAY:BEGIN ovsdb@@\n)(.*?)(\n@@PATCHBAY:END ovsdb)/s,
      (_m, head, json, tail) => {
        const results = JSON.parse(json) as { rows: Record<string, unknown>[] }[];
        const kept = results.map((r, i) => {
          const columns = CHECK_COLUMNS[OVSDB_TABLES[i] ?? 'Flow_Table'];
          return {
            rows: r.rows.map((row) =>
              Object.fromEntries(columns.filter((c) => c in row).map((c) => [c, row[c]])),
            ),
          };
        });
        return `${head}${JSON.stringify(kept)}${tail}`;
      },
    );
    expect(slim).not.toBe(raw());
    const part = parseCollection(slim, META, scope);
    const inside = (m: HostModel) => modelObjects(m).filter((o) => inScope(o, scope));
    expect(inside(part)).toEqual(inside(full));
    expect(part.ovs?.interfaces.every((i) => Object.keys(i.statistics ?? {}).length === 0)).toBe(true);
  });
});
