import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ElkBundled from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { compactLayout, elkInput, LayoutRequest } from '@/server/core/layout';
import { pgliteSql, type Sql } from '@/server/storage';
import { openMigrated } from '@/server/storage/test-backends';
import { freshPglite } from '@/server/storage/test-pglite';
import { LayoutService } from './layout-service';
import { type LayoutKeeper, LayoutStore } from './layout-store';
import { warmUpRequest } from './warm-up';

// The real thread script and ELK: the service's answers must be ELK's own.
const services: LayoutService[] = [];
const service = (opts: ConstructorParameters<typeof LayoutService>[0] = {}) => {
  const s = new LayoutService(opts);
  services.push(s);
  return s;
};
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.close()));
});

const small = (w = 40): LayoutRequest => ({
  aspectRatio: 1.5,
  nodes: [
    { id: 'br', parent: null, title: { w: 30, h: 15, zoomedOutFont: 20 } },
    { id: 'p1', parent: 'br', size: { w, h: 20 } },
    { id: 'p2', parent: 'br', size: { w: 40, h: 20 } },
    { id: 'ns', parent: null, size: { w: 60, h: 30 } },
  ],
  edges: [{ id: 'e', source: 'p1', target: 'ns' }],
});

describe('LayoutService', () => {
  it("answers with ELK's own layout of the request, positions and routes only", async () => {
    const s = service();
    const got = await s.layout(small());
    const expected = compactLayout(await new ElkBundled().layout(elkInput(small())));
    expect(got.laidOut).toEqual(expected);
    expect(got.cached).toBe(false);
  });

  it('keeps answers by their input: the same request again is a hit, another size is not', async () => {
    const s = service();
    const first = await s.layout(small());
    const again = await s.layout(small());
    expect(again).toEqual({ ...first, cached: true });
    const other = await s.layout(small(90));
    expect(other.cached).toBe(false);
    expect(other.key).not.toBe(first.key);
  });

  it('drops the least recently used answer beyond its size', async () => {
    const s = service({ cacheEntries: 2 });
    await s.layout(small(41));
    await s.layout(small(42));
    await s.layout(small(41)); // 41 is now the most recent
    await s.layout(small(43)); // drops 42
    expect((await s.layout(small(41))).cached).toBe(true);
    expect((await s.layout(small(42))).cached).toBe(false);
  });

  it('runs one layout for simultaneous requests of the same graph', async () => {
    const s = service({ maxQueued: 1 });
    const [a, b] = await Promise.all([s.layout(warmUpRequest()), s.layout(warmUpRequest())]);
    expect(a.laidOut).toBe(b.laidOut);
  });

  it('refuses a request when too many wait, and answers again once they are done', async () => {
    const s = service({ maxQueued: 1 });
    const first = s.layout(warmUpRequest());
    await expect(s.layout(small())).rejects.toMatchObject({ domain: 'layout', code: 'BUSY' });
    await first;
    expect((await s.layout(small())).cached).toBe(false);
  });

  it('stops a layout that runs too long, fails what waited, and starts a fresh thread next', async () => {
    const s = service({ timeoutMs: 1 });
    await expect(s.layout(warmUpRequest())).rejects.toMatchObject({ domain: 'layout', code: 'FAILED' });
    const patient = service();
    expect((await patient.layout(small())).laidOut.children?.length).toBe(2);
  });

  it('fails with a readable error when the thread cannot start', async () => {
    const script = path.join(tmpdir(), `pb-broken-thread-${process.pid}.mjs`);
    writeFileSync(script, 'throw new Error("broken on purpose");\n');
    const s = service({ threadScript: script });
    await expect(s.layout(small())).rejects.toThrow(/layout thread failed: broken on purpose/);
  });
});

describe('LayoutService with a keeper (the database)', { timeout: 60_000 }, () => {
  /** A keeper over a real database whose puts can be awaited (the service does not wait for them). */
  const recording = async () => {
    const db = openMigrated(async () => pgliteSql(freshPglite()));
    databases.push(db);
    const store = new LayoutStore(db);
    const puts: Promise<void>[] = [];
    const keeper: LayoutKeeper = {
      get: (key) => store.get(key),
      put: (key, laidOut) => {
        const p = store.put(key, laidOut);
        puts.push(p);
        return p;
      },
    };
    return { keeper, stored: () => Promise.all(puts) };
  };
  const noThread = path.join(tmpdir(), `pb-no-thread-${process.pid}.mjs`);
  const databases: Promise<Sql>[] = [];
  afterAll(async () => {
    await Promise.all(databases.map(async (db) => (await db).close()));
  });

  it('answers a graph laid out before a restart from the database, without running ELK', async () => {
    const { keeper, stored } = await recording();
    const before = await service({ keeper }).layout(small());
    expect(before.cached).toBe(false);
    await stored();
    // A new process on the same database, whose ELK cannot even start: the answer comes from the store.
    writeFileSync(noThread, 'throw new Error("ELK must not run");\n');
    const after = await service({ keeper, threadScript: noThread }).layout(small());
    expect(after).toEqual({ ...before, cached: true });
    // Another graph still needs ELK (and fails here, proving the first never asked it).
    await expect(service({ keeper, threadScript: noThread }).layout(small(90))).rejects.toThrow(
      /ELK must not run/,
    );
  });

  it('lays the graph out when the keeper fails, and says so once per failure', async () => {
    const lines: string[] = [];
    const broken: LayoutKeeper = {
      get: () => Promise.reject(new Error('database gone')),
      put: (_key: string, _laidOut: ElkNode) => Promise.reject(new Error('database still gone')),
    };
    const got = await service({ keeper: broken, log: (l) => lines.push(l) }).layout(small());
    expect(got.cached).toBe(false);
    expect(got.laidOut.children?.length).toBe(2);
    await new Promise((r) => setTimeout(r, 0));
    expect(lines).toEqual([
      'patchbay: stored layouts could not be read (database gone); ELK lays the graph out',
      'patchbay: a layout could not be stored (database still gone); it is kept in memory only',
    ]);
  });
});

describe('LayoutRequest', () => {
  const accepted = (req: unknown) => LayoutRequest.safeParse(req).success;
  it('accepts what the canvas sends', () => {
    expect(accepted(small())).toBe(true);
    expect(accepted(warmUpRequest())).toBe(true);
  });
  it('refuses a child listed before its container, twice the same id, and edges to nowhere', () => {
    const r = small();
    expect(accepted({ ...r, nodes: [...r.nodes].reverse() })).toBe(false);
    expect(accepted({ ...r, nodes: [...r.nodes, r.nodes[3]] })).toBe(false);
    expect(accepted({ ...r, edges: [{ id: 'x', source: 'p1', target: 'nowhere' }] })).toBe(false);
  });
  it('refuses a node that is neither a leaf with a size nor a container with a title', () => {
    const r = small();
    expect(accepted({ ...r, nodes: [{ id: 'a', parent: null }] })).toBe(false);
    expect(
      accepted({
        ...r,
        nodes: [{ id: 'a', parent: null, size: { w: 1, h: 1 }, title: { w: 1, h: 1, zoomedOutFont: 20 } }],
      }),
    ).toBe(false);
  });
  it('refuses ELK options, unknown fields and absurd sizes: only the server chooses options', () => {
    const r = small();
    expect(accepted({ ...r, layoutOptions: { 'elk.layered.thoroughness': '100000' } })).toBe(false);
    expect(accepted({ ...r, nodes: [{ ...r.nodes[3], layoutOptions: {} }] })).toBe(false);
    expect(accepted({ ...r, nodes: [{ id: 'a', parent: null, size: { w: 1e9, h: 1 } }] })).toBe(false);
    expect(accepted({ ...r, aspectRatio: 0 })).toBe(false);
  });
});
